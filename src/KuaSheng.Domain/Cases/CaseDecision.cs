namespace KuaSheng.Domain.Cases;

/// <summary>The answer to a command: the events to persist and the state after them, or a refusal.
/// Zero events and no refusal means "already so" (a repeated carrier event, a miss already recorded).</summary>
public sealed record CaseDecision(IReadOnlyList<CaseEvent> Events, CaseState? State, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static CaseDecision Refused(Refusal refusal) => new([], null, refusal);
}
