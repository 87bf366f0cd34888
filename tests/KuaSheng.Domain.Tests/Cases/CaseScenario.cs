using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using KuaSheng.Domain.Routing;

namespace KuaSheng.Domain.Tests.Cases;

/// <summary>Drives one case through the decider with a movable clock, checking that refusals change nothing and
/// that the state always equals the fold of all events so far (what recovery would rebuild).</summary>
internal sealed class CaseScenario
{
    public static readonly CommandActor Window = new("window", "clerk-1", "qj-window");
    public static readonly CommandActor ApplicantActor = new("applicant", "public", null);
    public static readonly CommandActor Carrier = new("carrier", "ems", null);
    public static CommandActor Officer(string unit) => new("officer", "officer-1", unit);

    private readonly List<CaseEvent> _events = [];

    public CaseScenario(IWorkingCalendar calendar, DateTimeOffset start)
    {
        Calendar = calendar;
        Now = start;
    }

    public IWorkingCalendar Calendar { get; }
    public DateTimeOffset Now { get; set; }
    public CaseState? State { get; private set; }
    public IReadOnlyList<CaseEvent> Events => _events;

    public CaseContext Context => new(Now, Calendar, TimeLimits.Default);

    public static SubmitCase Submission(
        IReadOnlyList<Leg> legs,
        bool originals = false,
        Channel channel = Channel.Window,
        HandlingMode mode = HandlingMode.Proxy,
        int promisedDays = 20,
        bool joint = false) =>
        new("c1", "QJ-20260105-000001", "hash", new ItemTerms("1-1", 1, "学历公证", originals, promisedDays, joint),
            mode, channel, channel == Channel.Online ? null : "qj-window",
            new Applicant(ApplicantKind.Person, "张三", "52032219900307001X", "13800138000", "520322", null),
            null, null,
            [new Material("毕业证书", originals), new Material("身份证复印件", false)],
            new DeliveryPreference(DeliveryMethod.Mail, "贵州省桐梓县某路1号"),
            legs, [], Window);

    /// <summary>A case just received at qj-window (Monday 2026-03-02) with these legs.</summary>
    public static CaseState Received(params Leg[] legs)
    {
        var sc = new CaseScenario(TestCalendar.Official, new DateTimeOffset(2026, 3, 2, 9, 0, 0, CaseContext.ChinaOffset));
        sc.Do(Submission(legs));
        return sc.State!;
    }

    public static Leg Leg(string id, string unit, LegRole role = LegRole.Home, int order = 1) =>
        new(id, unit, role, order, LegStatus.Pending);

    /// <summary>Applies a command that must succeed; returns the events it produced.</summary>
    public IReadOnlyList<CaseEvent> Do(CaseCommand command)
    {
        var decision = CaseDecider.Decide(State, command, Context);
        Assert.True(decision.Refusal is null, $"{command.GetType().Name} was refused: {decision.Refusal?.Code} {decision.Refusal?.Message}");
        Record(decision);
        return decision.Events;
    }

    /// <summary>Applies a command that must be refused with <paramref name="code"/>; the state must not change.</summary>
    public Refusal Refused(CaseCommand command, string code)
    {
        var before = State;
        var decision = CaseDecider.Decide(State, command, Context);
        Assert.NotNull(decision.Refusal);
        Assert.Equal(code, decision.Refusal!.Code);
        Assert.Empty(decision.Events);
        Assert.Same(before, State);
        return decision.Refusal;
    }

    private void Record(CaseDecision decision)
    {
        _events.AddRange(decision.Events);
        State = decision.State ?? State;
        if (State is not null) Assert.Equal(Fingerprint(Replay(_events)), Fingerprint(State));
    }

    public static CaseState Replay(IReadOnlyList<CaseEvent> events)
    {
        var state = CaseState.Start((CaseSubmitted)events[0]);
        foreach (var e in events.Skip(1)) state = state.Apply(e);
        return state;
    }

    /// <summary>The whole state as JSON, for comparing states (immutable lists compare by reference).</summary>
    public static string Fingerprint(CaseState state) => System.Text.Json.JsonSerializer.Serialize(state);

    public Leg LegOf(string id) => State!.FindLeg(id)!;

    public Deadline OpenDeadline(DeadlineStep step, string? legId = null) =>
        State!.Deadlines.Single(d => d.IsOpen && d.Step == step && (legId is null || d.LegId == legId));

    /// <summary>Advances the clock to 09:00 Beijing time of <paramref name="date"/>.</summary>
    public void At(DateOnly date) => Now = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), CaseContext.ChinaOffset);
}
