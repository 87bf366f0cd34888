namespace KuaSheng.Domain.Cases;

/// <summary>
/// Carrier events arrive repeated and out of order. The mailing keeps every distinct event and shows the most
/// advanced status: a final status (signed, returned, lost) is never undone by a late in-transit report, and
/// the first final status wins when carriers contradict themselves.
/// </summary>
public static class MailTracking
{
    public static bool IsFinal(this CarrierStatus s) => s is CarrierStatus.Signed or CarrierStatus.Returned or CarrierStatus.Lost;

    public static bool IsDuplicate(Mailing m, CarrierStatus status, DateTimeOffset at) =>
        m.Events.Any(e => e.Status == status && e.At == at);

    /// <summary>Whether this event would change the mailing's status (for the decider: an event that does not
    /// still goes to the history).</summary>
    public static bool Advances(Mailing m, CarrierStatus status) => Advances(m.Status, status);

    public static bool Advances(CarrierStatus current, CarrierStatus next) => !current.IsFinal() && (next.IsFinal() || next > current);

    internal static Mailing Record(Mailing m, CarrierEventRecorded c)
    {
        if (IsDuplicate(m, c.Status, c.EventAt)) return m;
        var events = m.Events.Append(new CarrierEventRecord(c.Status, c.EventAt, c.SignedBy)).OrderBy(e => e.At).ToList();
        if (!Advances(m, c.Status)) return m with { Events = events };
        return c.Status == CarrierStatus.Signed
            ? m with { Events = events, Status = c.Status, SignedBy = c.SignedBy, SignedAt = c.EventAt }
            : m with { Events = events, Status = c.Status };
    }
}
