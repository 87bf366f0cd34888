namespace KuaSheng.Domain.Calendar;

/// <summary>Calendar data (a year loaded by an operator, or the embedded file) that cannot be used.
/// <see cref="Problems"/> lists every problem found, so an operator fixes the file in one pass.</summary>
public sealed class CalendarDataException(IReadOnlyList<string> problems)
    : FormatException("Invalid calendar data: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    public CalendarDataException(string problem) : this([problem]) { }
}
