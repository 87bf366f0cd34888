namespace KuaSheng.Domain.Calendar;

/// <summary>
/// The official working-day calendar (工作日), immutable. Covered years follow the State Council's
/// notices; any other year is reported provisional and counted with the statutory holidays of
/// 全国年节及纪念日放假办法 (<see cref="StatutoryHolidays"/>) where that reaches, else Monday to Friday.
/// Counting is O(1) per date (precomputed per year) and a due date is a binary search over it,
/// so deadline arithmetic on every case command allocates nothing.
/// </summary>
public sealed class WorkingCalendar : IWorkingCalendar
{
    private static readonly Lazy<WorkingCalendar> official = new(LoadEmbedded);

    private readonly int firstYear;
    private static readonly Lazy<CompiledYear[]> statutory = new(() =>
        Enumerable.Range(StatutoryHolidays.FirstYear, StatutoryHolidays.LastYear - StatutoryHolidays.FirstYear + 1)
            .Select(y => new CompiledYear(StatutoryHolidays.Year(y), official: false)).ToArray());

    private readonly CompiledYear?[] byYear;   // index: year - firstYear; null for a year counted Monday to Friday
    private readonly int[] deltaBefore;        // deltaBefore[i]: full-year deltas of byYear[0..i-1]

    public WorkingCalendar(string source, IEnumerable<YearCalendar> years)
    {
        Source = source;
        var compiled = years.GroupBy(y => y.Year)
            .Select(g => g.Count() == 1 ? new CompiledYear(g.Single(), official: true) : throw new ArgumentException($"year {g.Key} given twice", nameof(years)))
            .OrderBy(c => c.Calendar.Year)
            .ToArray();
        CoveredYears = compiled.Select(c => c.Calendar.Year).ToArray();
        // Uncovered years the statutory holidays reach are counted with them (provisionally); covered years win.
        var all = statutory.Value.Where(s => !CoveredYears.Contains(s.Calendar.Year)).Concat(compiled)
            .OrderBy(c => c.Calendar.Year).ToArray();
        firstYear = all[0].Calendar.Year;
        byYear = new CompiledYear?[all[^1].Calendar.Year - firstYear + 1];
        foreach (var c in all) byYear[c.Calendar.Year - firstYear] = c;
        deltaBefore = new int[byYear.Length + 1];
        for (int i = 0; i < byYear.Length; i++) deltaBefore[i + 1] = deltaBefore[i] + (byYear[i]?.FullYearDelta ?? 0);
    }

    /// <summary>The calendar shipped in Data/calendar.json, loaded once.</summary>
    public static WorkingCalendar Official => official.Value;

    /// <summary>Reads the embedded Data/calendar.json afresh.</summary>
    public static WorkingCalendar LoadEmbedded() => CalendarFile.ReadEmbedded();

    /// <summary>Where the data came from, e.g. "npm chinese-days@1.5.7".</summary>
    public string Source { get; }

    /// <summary>Years the official data covers, ascending.</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    public bool Covers(int year) => Compiled(year) is { Official: true };

    /// <summary>The official data for <paramref name="year"/>, or null when it is not covered.</summary>
    public YearCalendar? Year(int year) => Compiled(year) is { Official: true } c ? c.Calendar : null;

    /// <summary>A new calendar with <paramref name="year"/> loaded, replacing that year's data if any:
    /// how an operator loads the State Council's new calendar without a release.</summary>
    public WorkingCalendar WithYear(YearCalendar year) =>
        new(Source, byYear.Where(c => c is { Official: true } && c.Calendar.Year != year.Year).Select(c => c!.Calendar).Append(year));

    /// <summary>A new calendar without <paramref name="year"/>'s official data: that year is counted provisionally.</summary>
    public WorkingCalendar WithoutYear(int year) =>
        new(Source, byYear.Where(c => c is { Official: true } && c.Calendar.Year != year).Select(c => c!.Calendar));

    IWorkingCalendar IWorkingCalendar.WithYear(YearCalendar year) => WithYear(year);

    IWorkingCalendar IWorkingCalendar.WithoutYear(int year) => WithoutYear(year);

    public DayInfo Day(DateOnly date)
    {
        var compiled = Compiled(date.Year);
        if (compiled is null) return new DayInfo(date, DayCounting.IsWeekday(date), null, false, Provisional: true);
        var year = compiled.Calendar;
        string? holiday = year.Holidays.GetValueOrDefault(date);
        return new DayInfo(date, DayCounting.IsWorkingDay(date, year), holiday, year.Workdays.ContainsKey(date), Provisional: !compiled.Official);
    }

    public DueDate AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (workingDays == 0) return new DueDate(from, Provisional: false);

        int start = from.DayNumber;
        long target = (long)CountUpTo(start) + workingDays;
        int max = DateOnly.MaxValue.DayNumber;

        // Gallop to a day by which the target is reached, then binary-search the first such day.
        int lo = start + 1;
        long span = Math.Max(2L * workingDays, 32);
        int hi = (int)Math.Min(start + span, max);
        while (CountUpTo(hi) < target)
        {
            if (hi == max) throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "The due date would fall after 9999-12-31.");
            lo = hi + 1;
            span *= 2;
            hi = (int)Math.Min(start + span, max);
        }
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (CountUpTo(mid) < target) lo = mid + 1; else hi = mid;
        }
        var due = DateOnly.FromDayNumber(lo);
        return new DueDate(due, Provisional: AnyUncovered(from.AddDays(1).Year, due.Year));
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to) =>
        to <= from ? 0 : CountUpTo(to.DayNumber) - CountUpTo(from.DayNumber);

    /// <summary>Working days among day numbers 0..<paramref name="dayNumber"/>: Mondays to Fridays,
    /// corrected by every compiled (covered or statutory) year before the day and by its own year so far.</summary>
    private int CountUpTo(int dayNumber)
    {
        int count = DayCounting.WeekdaysUpTo(dayNumber);
        if (byYear.Length == 0) return count;
        var date = DateOnly.FromDayNumber(dayNumber);
        int index = date.Year - firstYear;
        if (index < 0) return count;
        if (index >= byYear.Length) return count + deltaBefore[^1];
        return count + deltaBefore[index] + (byYear[index]?.DeltaUpTo[date.DayOfYear] ?? 0);
    }

    private CompiledYear? Compiled(int year)
    {
        int index = year - firstYear;
        return index >= 0 && index < byYear.Length ? byYear[index] : null;
    }

    private bool AnyUncovered(int fromYear, int toYear)
    {
        for (int y = fromYear; y <= toYear; y++)
            if (Compiled(y) is not { Official: true }) return true;
        return false;
    }
}
