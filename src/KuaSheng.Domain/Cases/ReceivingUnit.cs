namespace KuaSheng.Domain.Cases;

/// <summary>
/// The unit that received the case (收件单位), which does the window's steps (form review, forwarding, mail-out of
/// originals), is rated for the service and answers tickets about the case: the receiving unit, or for an online
/// case without one the first leg's unit (lowest order, first in the plan).
/// </summary>
public static class ReceivingUnit
{
    public static string Of(string? receivingUnitId, IEnumerable<(string UnitId, int Order)> legs) =>
        receivingUnitId
        ?? legs.OrderBy(l => l.Order).Select(l => l.UnitId).FirstOrDefault()
        ?? throw new InvalidOperationException("A case has a receiving unit or at least one leg.");
}
