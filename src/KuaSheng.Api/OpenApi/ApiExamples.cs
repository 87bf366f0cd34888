namespace KuaSheng.Api.OpenApi;

/// <summary>An operation's examples: its request body and its answers by status.</summary>
public sealed record ExampleSet(string? Summary, object? Request, IReadOnlyList<(string Status, object Body)> Responses);

/// <summary>Request and response examples per operation ("METHOD /api/v1/path"), for the OpenAPI document. Values
/// are written as the API writes them (camelCase, kebab-case enums).</summary>
public static class ApiExamples
{
    private const string P = "/api/v1";

    public static ExampleSet? For(string key) => All.GetValueOrDefault(key);

    public static object Problem(int status, string code, string title, string detail, object? errors = null) => errors is null
        ? new { type = $"https://tools.ietf.org/html/rfc9110", title, status, detail, code }
        : new { type = $"https://tools.ietf.org/html/rfc9110", title, status, detail, code, errors };

    private static object Invalid(string field, string message) =>
        Problem(400, "validation-failed", "The request is not valid", message, new Dictionary<string, string[]> { [field] = [message] });

    private static readonly object Forbidden = Problem(403, "forbidden", "Forbidden", "Your role may not use this endpoint.");

    private static readonly object Locked = Problem(429, "too-many-requests", "Too many requests",
        "Too many wrong query codes for this case: its look-up and rating are closed for a while (查询码错误次数过多，请稍后再试).");

    private static object NotFound(string detail) => Problem(404, "not-found", "Not found", detail);

    private static readonly object Illegal = Problem(409, "illegal-transition", "Step not allowed now",
        "A case that is received cannot take the step 'decision'.");

    private const string Node1 = "akka.tcp://kuasheng@127.0.0.1:4101";
    private const string Node2 = "akka.tcp://kuasheng@127.0.0.1:4102";

    // --- cases ---

    private static readonly object Application = new
    {
        itemCode = "1-1",
        mode = "proxy",
        channel = "window",
        receivingUnitId = "qj-window",
        applicant = new { kind = "person", name = "张三", idNumber = "50011019850612002X", phone = "13800138000", region = "500110" },
        materials = new[] { new { name = "申请表", original = false }, new { name = "毕业证书原件", original = true } },
        delivery = new { method = "mail", address = "重庆市綦江区古南街道文龙路1号" },
    };

    private static object CaseView(string status, string legStatus, object[] timeline, string? queryCode = null) => new
    {
        caseId = "c-7f3a9e2b41d04c6b",
        caseNumber = "QJ20261012000123",
        itemCode = "1-1",
        itemVersion = 1,
        itemName = "学历公证",
        mode = "proxy",
        channel = "window",
        receivingUnitId = "qj-window",
        status,
        applicant = new { kind = "person", name = "张*", idNumber = "500110********002X", phone = "138****8000", region = "500110" },
        legs = new[] { new { legId = "leg1", unitId = "qj-notary", role = "home", order = 1, status = legStatus } },
        materials = new[] { new { name = "申请表", original = false }, new { name = "毕业证书原件", original = true } },
        originalsReceived = false,
        mailings = Array.Empty<object>(),
        deadlines = new[]
        {
            new { deadlineId = "d1", step = "forwarding", unitId = "qj-window", due = "2026-10-13", provisional = false, met = false, missed = false, cancelled = false },
        },
        warnings = Array.Empty<string>(),
        timeline,
        queryCode,
    };

    private static readonly object Received = CaseView("received", "pending",
        [new { at = "2026-10-12T09:30:00+08:00", type = "received", by = "window qj-window", detail = "学历公证" }], "K7Q2M9XP");

    private static readonly object Forwarded = CaseView("forwarded", "forwarded",
    [
        new { at = "2026-10-12T09:30:00+08:00", type = "received", by = "window qj-window", detail = "学历公证" },
        new { at = "2026-10-12T09:41:00+08:00", type = "forwarded", by = "window qj-window", detail = "leg1 → qj-notary" },
    ]);

    private static ExampleSet Step(string summary, object? request, object ok, params (string, object)[] errors) =>
        new(summary, request, [("200", ok), .. errors]);

    // --- reference data ---

    private static readonly object Item = new
    {
        code = "1-1",
        version = 1,
        status = "active",
        batch = 1,
        seq = 1,
        name = "学历公证",
        scenario = "申请人可异地申请博士研究生、硕士研究生、大学本科、大学专科学历公证，不受户籍地或学校所在地限制。",
        cityLead = "市司法局",
        cityCooperating = new[] { "市教委" },
        districtUnits = new[] { "qj-notary" },
        districtUnitNames = new[] { "区公证处" },
        notes = Array.Empty<string>(),
        modes = new[] { "proxy" },
        requiresOriginals = true,
        promisedDays = 15,
        routing = new { legs = new[] { new { role = "home", order = 1, selector = "home-region", candidates = new[] { "qj-notary" }, onlyWhenHomeIsLocal = false } } },
    };

    private static readonly object ItemRequest = new
    {
        code = "4-1",
        batch = 4,
        seq = 1,
        name = "养老保险待遇资格认证",
        scenario = "申请人可通过网上自助认证，或在居住地窗口申请异地认证。",
        cityLead = "市人力社保局",
        districtUnits = new[] { "qj-hrss", "各镇街" },
        modes = new[] { "online", "proxy" },
        requiresOriginals = false,
        promisedDays = 1,
    };

    private static readonly object Unit = new
    {
        id = "ext-520322-9c1e04ab",
        name = "桐梓县公证处",
        region = "520322",
        level = "external",
        kind = "department",
        items = new[] { "1-1", "1-2" },
    };

    private static readonly object Worklist = new
    {
        unitId = "qj-notary",
        legs = new[] { new { caseId = "c-7f3a9e2b41d04c6b", itemCode = "1-1", legId = "leg1", role = "home", status = "forwarded" } },
        deadlines = new[]
        {
            new { caseId = "c-7f3a9e2b41d04c6b", deadlineId = "d2", step = "acceptance", legId = "leg1", due = "2026-10-14", provisional = false, missed = false },
        },
    };

    private static readonly Dictionary<string, ExampleSet> All = new()
    {
        // Cases
        [$"POST {P}/cases"] = new("Receive an application (收件)", Application, [
            ("201", Received),
            ("400", Invalid("applicant.idNumber", "The ID number's check character is wrong.")),
            ("403", Problem(403, "forbidden", "Forbidden", "You may not receive applications for unit qj-civil.")),
            ("409", Problem(409, "no-route", "No unit can take the case",
                "No unit handles item 1-1 (学历公证) as home for region 520322 (the applicant's home region). An operator can register the external unit of that region (POST /units).")),
        ]),
        [$"GET {P}/cases/{{caseId}}"] = new("A case as it is now", null, [("200", Forwarded), ("404", NotFound("Case c-0000 was not found."))]),
        [$"GET {P}/cases"] = new("Find cases (read model)", null, [("200", new
        {
            items = new[]
            {
                new
                {
                    caseId = "c-7f3a9e2b41d04c6b", caseNumber = "QJ20261012000123", itemCode = "1-1", mode = "proxy", channel = "window",
                    receivingUnitId = "qj-window", status = "forwarded", submittedAt = "2026-10-12T09:30:00+08:00", overdue = false,
                },
            },
            total = 1,
        })]),
        [$"POST {P}/cases/{{caseId}}/form-review"] = Step("形式审查 by the receiving window", new { passed = false, missing = new[] { "身份证复印件" }, note = "请补正身份证复印件" },
            CaseView("supplement-requested", "pending", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/supplement"] = Step("补正: the missing materials arrived",
            new { materials = new[] { new { name = "身份证复印件", original = false } } }, Received, ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/identity-verification"] = Step("身份核验", new { method = "face", passed = true }, Forwarded, ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/not-accepted"] = Step("不予受理", new { reason = "不属于本事项受理范围" },
            CaseView("not-accepted", "pending", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/legs/{{legId}}/acceptance"] = Step("受理 or 退回 a leg", new { accepted = true },
            CaseView("accepted", "accepted", []), ("403", Forbidden), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/legs/{{legId}}/decision"] = Step("审批决定 on a leg",
            new { outcome = "approved", reason = "材料齐全，符合法定形式", resultDocument = new { title = "公证书", number = "(2026)渝綦证字第1号" } },
            CaseView("decided", "approved", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/mailings"] = new("寄递: mail originals or the result", new { purpose = "originals", carrier = "EMS", waybillNumber = "EA123456785CN" },
            [("200", Forwarded),
             ("400", Invalid("waybillNumber", "Not a UPU S10 or 13-character domestic waybill number."))]),
        [$"POST {P}/cases/{{caseId}}/originals-received"] = Step("Originals handed over without a carrier (officer)", null, Forwarded, ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/result-delivery"] = Step("送达: deliver the result", new { method = "mail", waybillNumber = "EA123456785CN" },
            CaseView("delivering", "approved", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/result-collected"] = Step("Result collected (pickup or electronic)", null, CaseView("completed", "approved", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/withdrawal"] = Step("撤回 by the applicant", new { reason = "申请人主动撤回" }, CaseView("withdrawn", "pending", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/suspension"] = Step("特别程序: suspend the clock", new { kind = "extension", reason = "情况复杂，延长审批", workingDays = 10 },
            CaseView("suspended", "accepted", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/resumption"] = Step("Resume after a suspension", null, CaseView("accepted", "accepted", []), ("409", Illegal)),
        [$"POST {P}/cases/{{caseId}}/rating"] = Step("好差评", new { level = "very-satisfied", comment = "办理很快", channel = "window" },
            CaseView("completed", "approved", []), ("400", Invalid("comment", "A dissatisfied rating needs a comment.")),
            ("409", Problem(409, "conflict", "Conflict", "The case is rated already."))),
        [$"POST {P}/cases/{{caseId}}/rectification"] = Step("整改 of a bad rating (officer of the rated unit)", new { note = "已电话回访并重新说明办理流程" },
            CaseView("completed", "approved", []), ("403", Forbidden)),
        [$"POST {P}/carrier/events"] = new("A carrier tracking event",
            new { waybillNumber = "EA123456785CN", status = "signed", at = "2026-10-14T15:20:00+08:00", signedBy = "李四" },
            [("202", new { waybillNumber = "EA123456785CN", caseId = "c-7f3a9e2b41d04c6b", duplicate = false }), ("403", Forbidden)]),
        [$"GET {P}/public/cases/{{caseNumber}}"] = new("办件查询 (masked)", null,
            [("200", Forwarded), ("404", NotFound("No case matches this case number and query code (办件编号或查询码不正确）.")), ("429", Locked)]),
        [$"POST {P}/public/cases/{{caseNumber}}/rating"] = new("好差评 by the applicant", new { level = "satisfied", comment = "", channel = "online" },
            [("200", CaseView("completed", "approved", [])), ("404", NotFound("No case matches this case number and query code (办件编号或查询码不正确）.")),
                ("429", Locked)]),

        // Catalogue
        [$"GET {P}/catalogue/items"] = new(null, null, [("200", new { items = new[] { Item } }), ("400", Invalid("status", "status is active or retired."))]),
        [$"GET {P}/catalogue/items/{{code}}"] = new(null, null, [("200", Item), ("404", NotFound("Item 9-99 was not found."))]),
        [$"POST {P}/catalogue/items"] = new(null, ItemRequest, [
            ("201", new
            {
                code = "4-1", version = 1, status = "active", batch = 4, seq = 1, name = "养老保险待遇资格认证",
                scenario = "申请人可通过网上自助认证，或在居住地窗口申请异地认证。", cityLead = "市人力社保局", cityCooperating = Array.Empty<string>(),
                districtUnits = new[] { "qj-hrss", "town-500110001" }, districtUnitNames = new[] { "区人力社保局", "各镇街" }, notes = Array.Empty<string>(),
                modes = new[] { "online", "proxy" }, requiresOriginals = false, promisedDays = 1,
                routing = new { legs = new[] { new { role = "home", order = 1, selector = "home-region", candidates = new[] { "qj-hrss", "town-500110001" }, onlyWhenHomeIsLocal = false } } },
            }),
            ("400", Invalid("promisedDays", "promisedDays (承诺时限) is 1 to 20 working days (行政许可法 art. 42).")),
            ("403", Problem(403, "forbidden", "Forbidden", "Only operators change the catalogue.")),
            ("409", Problem(409, "conflict", "Conflict", "Item 4-1 already exists; revise it with PUT /catalogue/items/4-1.")),
        ]),
        [$"PUT {P}/catalogue/items/{{code}}"] = new(null, new { promisedDays = 10, notes = new[] { "限本人办理" } },
            [("200", Item), ("404", NotFound("Item 9-99 was not found."))]),
        [$"DELETE {P}/catalogue/items/{{code}}"] = new(null, null, [("200", Item), ("404", NotFound("Item 9-99 was not found."))]),

        // Units
        [$"GET {P}/units"] = new(null, null, [("200", new
        {
            units = new object[]
            {
                new { id = "qj-notary", name = "区公证处", region = "500110", level = "district", kind = "department", items = new[] { "1-1", "1-2" } },
                new { id = "town-500110001", name = "古南街道便民服务中心", region = "500110001", level = "town", kind = "service-centre", items = new[] { "2-1" } },
            },
        }), ("400", Invalid("level", "level is city, district, town or external."))]),
        [$"GET {P}/units/{{id}}"] = new(null, null, [("200", Unit), ("404", NotFound("Unit x was not found."))]),
        [$"POST {P}/units"] = new(null, new { name = "桐梓县公证处", region = "520322", level = "external", kind = "department", items = new[] { "1-1", "1-2" } }, [
            ("201", Unit),
            ("400", Invalid("region", "region is a 6-digit GB/T 2260 code (e.g. 520322 for 桐梓县).")),
            ("409", Problem(409, "conflict", "Conflict", "qj-notary is a built-in unit; choose another id for the external unit.")),
        ]),
        [$"GET {P}/units/{{id}}/worklist"] = new(null, null, [("200", Worklist), ("403", Forbidden), ("404", NotFound("Unit x was not found."))]),

        // Calendar
        [$"GET {P}/calendar/days/{{date}}"] = new(null, null, [
            ("200", new { date = "2026-10-10", workingDay = true, adjustedWorkday = true, provisional = false }),
            ("400", Invalid("date", "date is a date YYYY-MM-DD from 1900 to 2200.")),
        ]),
        [$"GET {P}/calendar/due-date"] = new(null, null, [
            ("200", new { from = "2026-09-30", workingDays = 4, due = "2026-10-12", provisional = false }),
            ("400", Invalid("workingDays", "workingDays is a whole number from 0 to 3650.")),
        ]),
        [$"GET {P}/calendar/years/{{year}}"] = new(null, null, [
            ("200", new { year = 2027, covered = false, holidays = new Dictionary<string, string>(), workdays = new Dictionary<string, string>() }),
        ]),
        [$"PUT {P}/calendar/years/{{year}}"] = new(null,
            new { holidays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-10-01"] = "国庆节" }, workdays = new Dictionary<string, string> { ["2027-02-20"] = "春节" } },
            [
                ("200", new
                {
                    year = 2027, covered = true,
                    holidays = new Dictionary<string, string> { ["2027-01-01"] = "元旦", ["2027-10-01"] = "国庆节" },
                    workdays = new Dictionary<string, string> { ["2027-02-20"] = "春节" }, referenceVersion = 7,
                    deadlinesMoved = 42, casesNotRecounted = Array.Empty<string>(),
                }),
                ("400", Problem(400, "validation-failed", "The request is not valid",
                    "The calendar of 2027 cannot be loaded: adjusted workday 2027-02-22 is a Monday: only a Saturday or Sunday can be made a working day (调休上班).",
                    new Dictionary<string, string[]> { ["calendar"] = ["adjusted workday 2027-02-22 is a Monday: only a Saturday or Sunday can be made a working day (调休上班)"] })),
                ("503", Problem(503, "unavailable", "Temporarily unavailable",
                    "The calendar of 2027 was loaded, but not every unit answered, so open deadlines were not all counted again; load the year again to finish.")),
            ]),

        // Admin: cluster and sharding
        [$"GET {P}/admin/cluster"] = new(null, null, [("200", new
        {
            self = Node1, leader = Node1,
            members = new[]
            {
                new { address = Node1, status = "up", roles = new[] { "kuasheng" }, reachable = true },
                new { address = Node2, status = "leaving", roles = new[] { "kuasheng" }, reachable = true },
            },
        }), ("403", Forbidden)]),
        [$"POST {P}/admin/cluster/leave"] = new(null, new { address = Node2 }, [
            ("202", new { address = Node2, action = "leave" }),
            ("400", Invalid("address", "The member's address, as GET /admin/cluster lists it (akka.tcp://kuasheng@HOST:PORT), not \"node-2\".")),
            ("404", NotFound($"No member {Node2} in this cluster (see GET /admin/cluster).")),
        ]),
        [$"POST {P}/admin/cluster/down"] = new(null, new { address = Node2 }, [("202", new { address = Node2, action = "down" })]),
        [$"POST {P}/admin/cluster/down-unreachable"] = new(null, new { }, [("202", new { downed = new[] { Node2 } })]),
        [$"GET {P}/admin/sharding"] = new(null, null, [("200", new
        {
            regions = new[]
            {
                new
                {
                    typeName = "case",
                    shards = new[] { new { shardId = "7", address = Node1, entities = 42 }, new { shardId = "12", address = Node2, entities = 38 } },
                    unanswered = Array.Empty<object>(),
                },
            },
        }), ("503", Problem(503, "unavailable", "Temporarily unavailable", "Sharding did not answer within 10 s (the coordinator may be moving to another node)."))]),
        [$"GET {P}/admin/entities/{{typeName}}/{{entityId}}"] = new(null, null, [
            ("200", new { typeName = "case", entityId = "3a9add06aaedefcd", shardId = "7", address = Node1, alive = true }),
            ("404", NotFound("No entity type \"cases\" (there are case, reference, ticket, unit, waybill).")),
        ]),

        // Dev
        [$"POST {P}/auth/dev-token"] = new(null, new { role = "window", unit = "qj-window" }, [
            ("200", new { token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…", role = "window", sub = "dev-window", unit = "qj-window", expiresAt = "2026-10-12T21:30:00+08:00" }),
            ("400", Invalid("unit", "A window token needs the unit it acts for.")),
            ("404", NotFound("There is no such endpoint.")),
        ]),
        [$"GET {P}/dev/clock"] = new(null, null, [
            ("200", new { now = "2026-10-09T09:00:00+08:00", set = true }),
            ("404", NotFound("There is no such endpoint.")),
        ]),
        [$"PUT {P}/dev/clock"] = new(null, new { now = "2026-10-09T09:00:00+08:00" }, [
            ("200", new { now = "2026-10-09T09:00:00+08:00", set = true }),
            ("400", Invalid("now", "now is an ISO 8601 time with offset, e.g. 2026-10-09T09:00:00+08:00.")),
        ]),
        [$"DELETE {P}/dev/clock"] = new(null, null, [("200", new { now = "2026-10-12T09:30:00+08:00", set = false })]),
    };
}
