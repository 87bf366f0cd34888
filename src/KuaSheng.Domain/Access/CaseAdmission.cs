using KuaSheng.Domain.Cases;

namespace KuaSheng.Domain.Access;

/// <summary>A caller's step as a case takes it, checked in the order the API has always answered: may the caller take
/// it (403, naming the caller's role and units and the case), then the command as the caller acting on this case, with
/// the waybill numbers it typed parsed (400). The state machine decides on what comes out.</summary>
public static class CaseAdmission
{
    public static (CaseCommand? Command, Refusal? Refusal) Admit(Caller caller, CaseState state, CaseCommand step)
    {
        if (!CaseAccess.MayTake(caller, state, step))
            return (null, Refusal.Forbidden(
                $"A {caller.Role} of {string.Join(",", caller.Units.DefaultIfEmpty("no unit"))} may not take this step on case {state.CaseId}."));
        return TypedWaybills.Parse(step with { By = CaseAccess.ActingAs(caller, state) });
    }
}
