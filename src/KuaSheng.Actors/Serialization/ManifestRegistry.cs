using System.Collections.Frozen;
using KuaSheng.Actors.Cases;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Actors.Reference;
using KuaSheng.Actors.Tickets;
using KuaSheng.Actors.Units;
using KuaSheng.Actors.Waybills;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Actors.Serialization;

/// <summary>
/// THE table of serialized types. Each manifest is a short string frozen forever: it is written into journals and
/// snapshots and onto the wire, and it is the type discriminator of polymorphic members (a <see cref="CaseEvent"/>
/// inside <see cref="CaseJournalEvent"/>). Manifests are never derived from type names, so a C# type can be renamed
/// or moved freely; a manifest must never be changed, reused or removed once something was written with it.
/// </summary>
/// <remarks>
/// Prefixes: <c>ev.</c> case events, <c>cmd.</c> case commands, <c>cp.</c> case protocol, <c>up.</c> unit protocol,
/// <c>wp.</c> waybill protocol. Adding a type: one line here, one sample in the tests' <c>MessageSamples</c>, then
/// <c>KUASHENG_WRITE_FIXTURES=1 dotnet test</c> writes its v1 fixture (commit it).
/// </remarks>
public static class ManifestRegistry
{
    /// <summary>Manifest → type, in the order written (kept as a list so a duplicate is caught, not silently overwritten).</summary>
    public static readonly IReadOnlyList<(string Manifest, Type Type)> Entries =
    [
        // ── Case events (KuaSheng.Domain.Cases.CaseEvent) ──────────────────────────────────────────────────────
        ("ev.sub", typeof(CaseSubmitted)),
        ("ev.frv", typeof(FormReviewed)),
        ("ev.sup", typeof(SupplementProvided)),
        ("ev.idv", typeof(IdentityVerified)),
        ("ev.nac", typeof(CaseNotAccepted)),
        ("ev.lfw", typeof(LegsForwarded)),
        ("ev.lac", typeof(LegAccepted)),
        ("ev.lrt", typeof(LegReturned)),
        ("ev.ldc", typeof(LegDecided)),
        ("ev.dec", typeof(CaseDecided)),
        ("ev.mrg", typeof(MailingRegistered)),
        ("ev.cev", typeof(CarrierEventRecorded)),
        ("ev.org", typeof(OriginalsReceived)),
        ("ev.rds", typeof(ResultDeliveryStarted)),
        ("ev.cmp", typeof(CaseCompleted)),
        ("ev.wdr", typeof(CaseWithdrawn)),
        ("ev.sus", typeof(CaseSuspended)),
        ("ev.res", typeof(CaseResumed)),
        ("ev.ext", typeof(ExtensionGranted)),
        ("ev.rat", typeof(CaseRated)),
        ("ev.rco", typeof(RectificationOpened)),
        ("ev.rcr", typeof(RectificationRecorded)),
        ("ev.dls", typeof(DeadlineSet)),
        ("ev.dlm", typeof(DeadlineMet)),
        ("ev.dlx", typeof(DeadlineMissed)),
        ("ev.dlc", typeof(DeadlinesCancelled)),
        ("ev.dlh", typeof(DeadlinesShifted)),

        // ── Case commands (KuaSheng.Domain.Cases.CaseCommand) ──────────────────────────────────────────────────
        ("cmd.sub", typeof(SubmitCase)),
        ("cmd.rvf", typeof(ReviewForm)),
        ("cmd.sup", typeof(ProvideSupplement)),
        ("cmd.idv", typeof(VerifyIdentity)),
        ("cmd.ref", typeof(RefuseCase)),
        ("cmd.acc", typeof(DecideAcceptance)),
        ("cmd.dlg", typeof(DecideLeg)),
        ("cmd.mrg", typeof(RegisterMailing)),
        ("cmd.cev", typeof(RecordCarrierEvent)),
        ("cmd.org", typeof(ReceiveOriginals)),
        ("cmd.dlv", typeof(DeliverResult)),
        ("cmd.col", typeof(ConfirmResultCollected)),
        ("cmd.wdr", typeof(Withdraw)),
        ("cmd.sus", typeof(Suspend)),
        ("cmd.res", typeof(Resume)),
        ("cmd.rat", typeof(Rate)),
        ("cmd.rcr", typeof(RecordRectification)),
        ("cmd.dlx", typeof(MarkDeadlineMissed)),
        ("cmd.rcd", typeof(RecountDeadlines)),

        // ── Case protocol (KuaSheng.Actors.Cases) ──────────────────────────────────────────────────────────────
        ("cp.req", typeof(CaseRequest)),
        ("cp.get", typeof(GetCaseState)),
        ("cp.rep", typeof(CaseReply)),
        ("cp.una", typeof(CaseUnavailable)),
        ("cp.jev", typeof(CaseJournalEvent)),
        ("cp.snp", typeof(CaseSnapshot)),
        ("cp.stp", typeof(CaseStep)),
        ("cp.jbt", typeof(CaseJournalBatch)),
        ("cp.rpt", typeof(CaseRepeat)),

        // ── Unit protocol (KuaSheng.Actors.Units) ──────────────────────────────────────────────────────────────
        ("up.syn", typeof(SyncCaseToUnit)),
        ("up.ack", typeof(CaseSyncAck)),
        ("up.wak", typeof(WakeUnit)),
        ("up.gwl", typeof(GetWorklist)),
        ("up.wl", typeof(Worklist)),
        ("up.vwu", typeof(UnitCaseViewUpdated)),
        ("up.snp", typeof(UnitSnapshot)),
        ("up.vwb", typeof(UnitCaseViewsUpdated)),

        // ── Reference data (KuaSheng.Actors.Reference) ──────────────────────────────────────────────────────────
        ("rd.add", typeof(ItemAdded)),
        ("rd.rev", typeof(ItemRevised)),
        ("rd.ret", typeof(ItemRetired)),
        ("rd.unt", typeof(ExternalUnitRegistered)),
        ("rd.cal", typeof(CalendarYearLoaded)),
        ("rd.chg", typeof(ChangeReference)),
        ("rd.ok", typeof(ReferenceChanged)),
        ("rd.ref", typeof(ReferenceRefused)),
        ("rd.get", typeof(GetReferenceChanges)),
        ("rd.lst", typeof(ReferenceChanges)),

        // ── Waybill protocol (KuaSheng.Actors.Waybills) ────────────────────────────────────────────────────────
        ("wp.rsv", typeof(ReserveWaybill)),
        ("wp.rsd", typeof(WaybillReserved)),
        ("wp.tkn", typeof(WaybillTaken)),
        ("wp.trk", typeof(TrackWaybill)),
        ("wp.tac", typeof(TrackingAccepted)),
        ("wp.unk", typeof(WaybillUnknown)),
        ("wp.get", typeof(GetWaybill)),
        ("wp.inf", typeof(WaybillInfo)),
        ("wp.reg", typeof(WaybillRegistered)),
        ("wp.cea", typeof(CarrierEventAccepted)),
        ("wp.ced", typeof(CarrierEventDelivered)),

        // ── Ticket protocol (KuaSheng.Actors.Tickets) ──────────────────────────────────────────────────────────
        ("tk.opn", typeof(OpenTicketRequest)),
        ("tk.rpl", typeof(ReplyTicketRequest)),
        ("tk.cls", typeof(CloseTicketRequest)),
        ("tk.get", typeof(GetTicket)),
        ("tk.ans", typeof(TicketAnswer)),
        ("tk.una", typeof(TicketUnavailable)),
        ("tk.jop", typeof(TicketOpenedEntry)),
        ("tk.jrp", typeof(TicketRepliedEntry)),
        ("tk.jcl", typeof(TicketClosedEntry)),
        ("tk.idx", typeof(IndexTicket)),
        ("tk.iak", typeof(TicketIndexed)),
        ("tk.iget", typeof(GetUnitTickets)),
        ("tk.ilst", typeof(UnitTickets)),
        ("tk.isum", typeof(TicketSummaryRecorded)),
        ("tk.isnp", typeof(TicketIndexSnapshot)),
        // ── Read-model projections (KuaSheng.Actors.ReadModel) ───────────────────────────────────────────────
        ("pj.gst", typeof(GetProjectionStatus)),
        ("pj.sta", typeof(ProjectionStatus)),
        ("pj.rbd", typeof(RebuildProjection)),
        ("pj.rbs", typeof(ProjectionRebuildStarted)),
    ];

    /// <summary>The types our serializer is bound to in Akka (every registered type must derive from one of them).</summary>
    public static readonly IReadOnlyList<Type> BoundRoots = [typeof(IKuaShengMessage), typeof(CaseEvent), typeof(CaseCommand)];

    public static readonly FrozenDictionary<string, Type> TypeByManifest;
    public static readonly FrozenDictionary<Type, string> ManifestByType;

    static ManifestRegistry()
    {
        var byManifest = new Dictionary<string, Type>(StringComparer.Ordinal);
        var byType = new Dictionary<Type, string>();
        foreach (var (manifest, type) in Entries)
        {
            if (string.IsNullOrWhiteSpace(manifest) || manifest.Length > 16)
                throw new InvalidOperationException($"Manifest '{manifest}' of {type}: must be a short non-blank string.");
            if (!byManifest.TryAdd(manifest, type))
                throw new InvalidOperationException($"Manifest '{manifest}' is registered twice ({byManifest[manifest]} and {type}).");
            if (!byType.TryAdd(type, manifest))
                throw new InvalidOperationException($"{type} is registered twice ('{byType[type]}' and '{manifest}').");
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
                throw new InvalidOperationException($"Manifest '{manifest}': {type} is not a concrete type.");
            if (!BoundRoots.Any(root => root.IsAssignableFrom(type)))
                throw new InvalidOperationException($"Manifest '{manifest}': {type} is not an IKuaShengMessage, CaseEvent or CaseCommand.");
        }
        TypeByManifest = byManifest.ToFrozenDictionary(StringComparer.Ordinal);
        ManifestByType = byType.ToFrozenDictionary();
    }
}
