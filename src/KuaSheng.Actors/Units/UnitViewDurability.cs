namespace KuaSheng.Actors.Units;

/// <summary>
/// What of a case's view a unit must find again after a restart: whether it keeps the case at all, its open legs (the
/// worklist), whether the case's clock is paused and its deadlines (what the unit times). A newer view that changes
/// none of these (the case's version and status moved on, a mailing was signed, a rating given) is kept in memory only:
/// the unit acknowledges it without a journal write, and after a restart holds the older view with the same meaning.
/// </summary>
internal static class UnitViewDurability
{
    /// <summary>Whether <paramref name="next"/> must be written, given the view the unit holds (null: none).</summary>
    public static bool MustWrite(SyncCaseToUnit? known, SyncCaseToUnit next) => known is null
        ? next.KeepsWork()
        : known.KeepsWork() != next.KeepsWork()
          || known.ClockPaused != next.ClockPaused
          || !known.Deadlines.SequenceEqual(next.Deadlines)
          || !known.OpenLegs().SequenceEqual(next.OpenLegs());
}
