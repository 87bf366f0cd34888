using System.Collections.Immutable;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Tickets;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;
using KuaSheng.Domain.Tickets;

namespace KuaSheng.Actors.Tests.Serialization;

/// <summary>
/// One realistic instance of every serialized type, keyed by type. The v1 fixtures were written from these samples,
/// so a sample must not change once its fixture is committed (add a new optional member's value freely: fixtures are
/// compared on the members they hold). Most nullable members are filled so that they are exercised.
/// </summary>
public static class MessageSamples
{
    // 2025-03-14 09:30:15.1234567 +08:00: sub-millisecond ticks and a non-UTC offset must survive.
    public static readonly DateTimeOffset At = new DateTimeOffset(2025, 3, 14, 9, 30, 15, TimeSpan.FromHours(8)).AddTicks(1_234_567);
    public const string By = "clerk:zhang-wei@qj-window-01";
    public const string CaseId = "c-20250314-000042";
    public const string UnitId = "qj-justice";
    public const string Waybill = "SF1234567890123";

    public static readonly CommandActor Clerk = new("clerk", "zhang-wei", "qj-window-01");

    public static readonly ItemTerms Item = new("1-4", 2, "法律职业资格认定", RequiresOriginals: true, PromisedDays: 20, Joint: false);

    public static readonly Applicant Applicant =
        new(ApplicantKind.Person, "张伟", "500222199001011234", "13800138000", "500110", "500110001");

    public static readonly Agent Agent = new("李娜", "500222198805052345", "13900139000", "配偶");

    public static readonly IReadOnlyList<Material> Materials =
        [new("居民身份证", Original: true), new("学历证书复印件", Original: false), new("法律职业资格考试成绩单", Original: true)];

    public static readonly DeliveryPreference Delivery = new(DeliveryMethod.Mail, "重庆市綦江区古南街道文龙大道1号 \"A\" 栋");

    public static readonly ResultDocument Result = new("法律职业资格证书", "A20255001234", "https://zwfw.cq.gov.cn/r/A20255001234");

    public static readonly IReadOnlyList<Leg> Legs =
    [
        new("L1", "qj-justice", LegRole.PreliminaryReview, 1, LegStatus.Approved, Reason: null, Result: null),
        new("L2", "cq-justice", LegRole.FinalReview, 2, LegStatus.Returned, Reason: "照片不清晰", Result: Result),
    ];

    public static readonly IReadOnlyList<string> Warnings = ["counterpart-region-unknown", "agent-without-power-of-attorney"];

    public static readonly Deadline Deadline = new(
        "D-decision-L1", DeadlineStep.Decision, "L1", UnitId, new DateOnly(2025, 3, 14), new DateOnly(2025, 4, 11),
        Provisional: false, MetAt: At.AddDays(3), MissedAt: null, CancelledAt: null);

    public static readonly Mailing Mailing = new(
        "M1", MailingPurpose.Originals, "顺丰速运", Waybill, CarrierStatus.Signed,
        [
            new CarrierEventRecord(CarrierStatus.PickedUp, At.AddHours(2), null),
            new CarrierEventRecord(CarrierStatus.Signed, At.AddDays(2).ToOffset(TimeSpan.Zero), "王芳"),
        ],
        SignedBy: "王芳", SignedAt: At.AddDays(2));

    public static readonly CaseSubmitted Submitted = new(
        CaseId, "QJ-2025-000042", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Item,
        Domain.Catalogue.HandlingMode.Proxy, Channel.Window, "qj-window-01", Applicant, Agent, "110105",
        Materials, Delivery, Legs, Warnings, At, By);

    public static readonly CaseState State = CaseState.Start(Submitted) with
    {
        Status = CaseStatus.Suspended,
        StatusBeforeSuspension = CaseStatus.Accepted,
        Outcome = DecisionOutcome.Approved,
        FormPassed = true,
        MissingMaterials = ["户口簿"],
        IdentityPassed = true,
        OriginalsReceived = true,
        Mailings = [Mailing],
        Deadlines = [Deadline, Deadline with { DeadlineId = "D-delivery", Step = DeadlineStep.Delivery, LegId = null, Provisional = true, MetAt = null, CancelledAt = At.AddDays(9) }],
        ClockPausedSince = At.AddDays(5),
        Suspension = new Suspension(SuspensionKind.Other, "专家评审", At.AddDays(5), 10),
        ExtensionDays = 10,
        ResultDelivery = new ResultDelivery(DeliveryMethod.Electronic, null, "https://zwfw.cq.gov.cn/r/A20255001234", At.AddDays(7)),
        CompletedAt = At.AddDays(8),
        Rating = new Rating(RatingLevel.Dissatisfied, "等待时间太长", "window", At.AddDays(8), "qj-window-01"),
        Rectification = new Rectification("qj-window-01", At.AddDays(9), "已回访，申请人表示满意", At.AddDays(12)),
        Version = 17,
    };

    public static readonly Refusal Refusal = new(
        RefusalCodes.ValidationFailed, "申请人身份证号码校验失败。",
        new Dictionary<string, string[]> { ["applicant.idNumber"] = ["校验码错误", "出生日期无效"], ["applicant.phone"] = ["号码位数不对"] });

    private static readonly Dictionary<Type, object> ByType = [];

    public static IReadOnlyDictionary<Type, object> All => ByType;

    static MessageSamples()
    {
        // ── Case events ──
        Add(Submitted);
        Add(new FormReviewed(false, ["户口簿", "学历证书原件"], "请一次性补齐", At, By));
        Add(new SupplementProvided([new Material("户口簿", true)], At, By));
        Add(new IdentityVerified(IdentityMethod.Face, true, At, By));
        Add(new CaseNotAccepted("不属于本机关职权范围", At, By));
        Add(new LegsForwarded(["L1", "L2"], At, By));
        Add(new LegAccepted("L1", At, "unit:li-ming@qj-justice"));
        Add(new LegReturned("L2", "材料照片不清晰，请重新上传", At, By));
        Add(new LegDecided("L1", DecisionOutcome.Approved, "符合条件", Result, At, By));
        Add(new CaseDecided(DecisionOutcome.Denied, At, By));
        Add(new MailingRegistered("M1", MailingPurpose.Originals, "EMS", "1151234567890", At, By));
        Add(new CarrierEventRecorded("M1", CarrierStatus.OutForDelivery, At.AddHours(-3).ToOffset(TimeSpan.FromHours(-5)), "前台代收", At, "system:kuasheng"));
        Add(new OriginalsReceived("M1", At, By));
        Add(new ResultDeliveryStarted(DeliveryMethod.Mail, Waybill, null, At, By));
        Add(new CaseCompleted(At, By));
        Add(new CaseWithdrawn("申请人主动撤回", At, "applicant:500222199001011234"));
        Add(new CaseSuspended("听证", 15, At, By));
        Add(new CaseResumed(At, By));
        Add(new ExtensionGranted("案情复杂，经负责人批准延长", 10, At, By));
        Add(new CaseRated(RatingLevel.VeryDissatisfied, "窗口人员态度差", "12345", "qj-window-01", At, "applicant:500222199001011234"));
        Add(new RectificationOpened("qj-window-01", At, By));
        Add(new RectificationRecorded("已整改并回访", At, By));
        Add(new DeadlineSet(Deadline, At, By));
        Add(new DeadlineMet("D-decision-L1", At, By));
        Add(new DeadlineMissed("D-decision-L2", At, "system:kuasheng"));
        Add(new DeadlinesCancelled(["D-decision-L2", "D-delivery"], At, By));
        Add(new DeadlinesShifted([new ShiftedDeadline("D-decision-L1", new DateOnly(2025, 4, 25), false), new ShiftedDeadline("D-delivery", new DateOnly(2027, 1, 4), true)], At, By));

        // ── Case commands ──
        Add(new SubmitCase(CaseId, "QJ-2025-000042", Submitted.QueryCodeHash, Item, Domain.Catalogue.HandlingMode.Joint, Channel.Online, null,
            Applicant with { Kind = ApplicantKind.Organization, TownCode = null }, null, null, Materials, new DeliveryPreference(DeliveryMethod.Pickup, null),
            Legs, [], Clerk));
        Add(new ReviewForm(true, [], null, Clerk));
        Add(new ProvideSupplement(Materials, Clerk));
        Add(new VerifyIdentity(IdentityMethod.Esign, false, Clerk));
        Add(new RefuseCase("申请事项依法不需要取得行政许可", Clerk));
        Add(new DecideAcceptance("L1", false, "非本机关管辖", new CommandActor("unit", "li-ming", UnitId)));
        Add(new DecideLeg("L2", DecisionOutcome.Denied, "不符合法定条件", null, new CommandActor("unit", "chen-jing", "cq-justice")));
        Add(new RegisterMailing("M2", MailingPurpose.Result, "中国邮政", "1151234567890", Clerk));
        Add(new RecordCarrierEvent(Waybill, CarrierStatus.Returned, At.AddDays(4), null, CommandActor.System));
        Add(new ReceiveOriginals(Clerk));
        Add(new DeliverResult(DeliveryMethod.Mail, Waybill, "顺丰速运", null, "M3", Clerk));
        Add(new ConfirmResultCollected(new CommandActor("applicant", "500222199001011234", null)));
        Add(new Withdraw("已在户籍地办理", new CommandActor("applicant", "500222199001011234", null)));
        Add(new Suspend(SuspensionKind.Extension, "需现场核查", null, Clerk));
        Add(new Resume(Clerk));
        Add(new Rate(RatingLevel.BasicallySatisfied, null, "app", new CommandActor("applicant", "500222199001011234", null)));
        Add(new RecordRectification("已培训窗口人员", Clerk));
        Add(new MarkDeadlineMissed("D-decision-L2", new CommandActor("unit", "timer", UnitId)));
        Add(new RecountDeadlines(2027, new Dictionary<DateOnly, string> { [new DateOnly(2027, 1, 1)] = "元旦" },
            new Dictionary<DateOnly, string> { [new DateOnly(2027, 2, 20)] = "春节" }, new CommandActor("operator", "op-1", null)));

        // ── Case protocol ──
        Add(new CaseRequest(CaseId, "cmd-7f3a9c", new Withdraw("重复申请", Clerk)));
        Add(new GetCaseState(CaseId));
        Add(new CaseReply(CaseId, State, Refusal, Duplicate: true, DecidedAt: At));
        Add(new CaseUnavailable(CaseId, "SQLite Error 5: 'database is locked'."));
        Add(new CaseJournalEvent(Submitted, "cmd-1b2c3d"));
        Add(new CaseJournalBatch([new IdentityVerified(IdentityMethod.Face, true, At, By), new LegsForwarded(["L1", "L2"], At, By)], "k:5e1f0a",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        Add(new CaseSnapshot(State, ["cmd-1b2c3d", "cmd-7f3a9c"],
            [new RecentCommand(null, 1, At), new RecentCommand("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2, At)]));
        Add(new CaseStep(CaseId, "k:5e1f0a", new RegisterMailing(null, MailingPurpose.Result, "EMS", " ea123456785cn ", Clerk),
            new Caller("integration", "platform-1", [UnitId, "qj-hrss"]), "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"));
        Add(new CaseRepeat(CaseId, "k:5e1f0a", new ReceiveOriginals(Clerk), "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"));

        // ── Unit protocol ──
        var sync = new SyncCaseToUnit(UnitId, CaseId, 17, "1-4", CaseStatus.Forwarded, false,
            [new UnitLeg("L1", LegRole.PreliminaryReview, LegStatus.Forwarded)],
            [new UnitDeadline("D-acceptance-L1", DeadlineStep.Acceptance, "L1", new DateOnly(2025, 3, 21), false, false),
             new UnitDeadline("D-forwarding", DeadlineStep.Forwarding, null, new DateOnly(2025, 3, 17), true, true)]);
        Add(sync);
        Add(new CaseSyncAck(UnitId, CaseId, 17));
        Add(new WakeUnit(UnitId));
        Add(new GetProjectionStatus());
        Add(new ProjectionStatus(CaseReadModelStore.ProjectionName, 1234, new DateTimeOffset(2025, 4, 1, 1, 2, 3, TimeSpan.Zero), 5,
            TimeSpan.FromMilliseconds(250), false, 1200));
        Add(new RebuildProjection());
        Add(new ProjectionRebuildStarted(CaseReadModelStore.ProjectionName));
        Add(new GetWorklist(UnitId));
        Add(new Worklist(UnitId,
            [new WorklistLeg(CaseId, "1-4", "L1", LegRole.PreliminaryReview, LegStatus.Accepted)],
            [new WorklistDeadline(CaseId, "D-decision-L1", DeadlineStep.Decision, "L1", new DateOnly(2025, 4, 11), false, false)]));
        Add(new UnitCaseViewUpdated(sync));
        Add(new UnitCaseViewsUpdated([sync, sync with { CaseId = "QJ-2025-000002", CaseVersion = 3, Deadlines = [] }]));
        Add(new UnitSnapshot([sync, sync with { CaseId = "QJ-2025-000002", CaseVersion = 3, ClockPaused = true }]));

        // ── Reference data ──
        var item = KuaSheng.Domain.ReferenceData.Embedded.Catalogue.Find("1-4")!;
        var unit = new KuaSheng.Domain.Units.Unit("ext-520322-hrss", "桐梓县人力资源和社会保障局", "520322",
            KuaSheng.Domain.Units.UnitLevel.External, KuaSheng.Domain.Units.UnitKind.Department, null, ["1-6", "1-7"]);
        var year = new CalendarYearLoaded(2027,
            new Dictionary<DateOnly, string> { [new DateOnly(2027, 1, 1)] = "元旦", [new DateOnly(2027, 2, 6)] = "春节" },
            new Dictionary<DateOnly, string> { [new DateOnly(2027, 2, 14)] = "春节" });
        Add(new ItemAdded(item with { Code = "4-1", Name = "新增事项" }));
        Add(new ItemRevised(item with { Version = 2, PromisedDays = 10 }));
        Add(new ItemRetired("2-66"));
        Add(new ExternalUnitRegistered(unit));
        Add(year);
        Add(new ChangeReference(new ExternalUnitRegistered(unit)));
        Add(new ReferenceChanged(7));
        Add(new ReferenceRefused("conflict", "qj-hrss is a built-in unit."));
        Add(new GetReferenceChanges(5));
        Add(new ReferenceChanges(7, [new ItemRetired("2-66"), year]));

        // ── Waybill protocol ──
        Add(new ReserveWaybill(Waybill, CaseId, "M1"));
        Add(new WaybillReserved(Waybill, CaseId, "M1"));
        Add(new WaybillTaken(Waybill));
        Add(new TrackWaybill(Waybill, CarrierStatus.Signed, At.AddDays(2), "本人签收"));
        Add(new TrackingAccepted(Waybill, CaseId, false));
        Add(new WaybillUnknown(Waybill));
        Add(new GetWaybill(Waybill));
        Add(new WaybillInfo(Waybill, CaseId, "M1", CarrierStatus.InTransit, 3));
        Add(new WaybillRegistered(CaseId, "M1"));
        Add(new CarrierEventAccepted(CarrierStatus.Lost, At.AddDays(6), null));
        Add(new CarrierEventDelivered(CarrierStatus.Lost, At.AddDays(6)));

        // ── Ticket protocol ──
        var opened = new TicketOpened("tk-9f2c", TicketKind.Complaint, CaseId, UnitId, "材料已寄出两周仍未受理，请尽快处理。\n谢谢", "13800138000",
            At, new DateOnly(2025, 3, 21), false, By);
        var replied = new TicketReplied("已核实，原件已签收，今日受理。", At.AddDays(2), "officer:li-na@qj-justice", UnitId, true);
        var closed = new TicketClosed("申请人表示满意", At.AddDays(3), "officer:li-na@qj-justice");
        var ticket = TicketState.Start(opened).Apply(replied).Apply(closed);
        var summary = new TicketSummary("tk-9f2c", TicketKind.Complaint, CaseId, TicketStatus.Answered, At, new DateOnly(2025, 3, 21), At.AddDays(2), 2);
        Add(new OpenTicketRequest("tk-9f2c", "k:1b2c3d", new OpenTicket("tk-9f2c", TicketKind.Complaint, CaseId, UnitId, "材料已寄出两周仍未受理", "zhang.wei@example.cn", Clerk)));
        Add(new ReplyTicketRequest("tk-9f2c", "k:4e5f6a", new ReplyToTicket("已核实，今日受理。", Clerk with { Role = "officer", UnitId = UnitId })));
        Add(new CloseTicketRequest("tk-9f2c", "k:7b8c9d", new CloseTicket(null, Clerk)));
        Add(new GetTicket("tk-9f2c"));
        Add(new TicketAnswer("tk-9f2c", ticket, null, Duplicate: true));
        Add(new TicketUnavailable("tk-9f2c", "The ticket journal is unavailable; nothing was changed. Try again."));
        Add(new TicketOpenedEntry(opened, "k:1b2c3d"));
        Add(new TicketRepliedEntry(replied, "k:4e5f6a"));
        Add(new TicketClosedEntry(closed, "k:7b8c9d"));
        Add(new IndexTicket(UnitId, summary));
        Add(new TicketIndexed(UnitId, "tk-9f2c", 2));
        Add(new GetUnitTickets(UnitId, TicketStatus.Open));
        Add(new UnitTickets(UnitId, [summary, summary with { TicketId = "tk-0a1b", Kind = TicketKind.Consultation, CaseId = null, Status = TicketStatus.Open, FirstRepliedAt = null, Version = 1 }]));
        Add(new TicketSummaryRecorded(summary));
        Add(new TicketIndexSnapshot([summary]));
    }

    private static void Add<T>(T sample) where T : notnull
    {
        if (!ByType.TryAdd(sample.GetType(), sample))
            throw new InvalidOperationException($"Two samples of {sample.GetType()}.");
    }

    public static object For(Type type) =>
        ByType.TryGetValue(type, out var sample)
            ? sample
            : throw new Xunit.Sdk.XunitException($"No sample of {type}: add one to {nameof(MessageSamples)}.");
}
