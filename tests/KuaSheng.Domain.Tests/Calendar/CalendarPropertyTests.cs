using CsCheck;
using KuaSheng.Domain.Calendar;

namespace KuaSheng.Domain.Tests.Calendar;

/// <summary>Laws of working-day arithmetic, over dates before, inside and after the covered years,
/// and against a day-by-day walk over <see cref="WorkingCalendar.Day"/> as the model.</summary>
public class CalendarPropertyTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Official;

    private static readonly Gen<DateOnly> Dates =
        Gen.Int[new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2032, 12, 31).DayNumber].Select(DateOnly.FromDayNumber);

    private static readonly Gen<int> Counts = Gen.Int[0, 600];

    [Fact]
    public void The_due_date_is_a_working_day_after_the_start() =>
        Gen.Select(Dates, Gen.Int[1, 600]).Sample((from, n) =>
        {
            var due = Calendar.AddWorkingDays(from, n).Due;
            Assert.True(due > from);
            Assert.True(Calendar.Day(due).WorkingDay);
        });

    [Fact]
    public void Counting_back_gives_the_working_days_added() =>
        Gen.Select(Dates, Counts).Sample((from, n) =>
            Assert.Equal(n, Calendar.WorkingDaysBetween(from, Calendar.AddWorkingDays(from, n).Due)));

    [Fact]
    public void One_more_working_day_is_strictly_later() =>
        Gen.Select(Dates, Counts).Sample((from, n) =>
            Assert.True(Calendar.AddWorkingDays(from, n + 1).Due > Calendar.AddWorkingDays(from, n).Due));

    [Fact]
    public void Adding_in_two_steps_is_adding_once() =>
        Gen.Select(Dates, Counts, Counts).Sample((from, a, b) =>
            Assert.Equal(Calendar.AddWorkingDays(from, a + b).Due,
                Calendar.AddWorkingDays(Calendar.AddWorkingDays(from, a).Due, b).Due));

    [Fact]
    public void Provisional_exactly_when_a_counted_day_lies_outside_2004_to_2026() =>
        Gen.Select(Dates, Gen.Int[1, 600]).Sample((from, n) =>
        {
            var due = Calendar.AddWorkingDays(from, n);
            bool outside = from.AddDays(1).Year < 2004 || due.Due.Year > 2026;
            Assert.Equal(outside, due.Provisional);
        });

    [Fact]
    public void Agrees_with_walking_day_by_day() =>
        Gen.Select(Dates, Gen.Int[0, 80]).Sample((from, n) =>
            Assert.Equal(Walk(Calendar, from, n), Calendar.AddWorkingDays(from, n).Due));

    [Fact]
    public void Working_days_between_agrees_with_counting_day_by_day() =>
        Gen.Select(Dates, Gen.Int[-10, 400]).Sample((from, span) =>
        {
            var to = from.AddDays(span);
            int expected = Enumerable.Range(1, Math.Max(span, 0)).Count(i => Calendar.Day(from.AddDays(i)).WorkingDay);
            Assert.Equal(expected, Calendar.WorkingDaysBetween(from, to));
        });

    /// <summary>Arbitrary loaded years (any holidays, any weekend workdays) keep the fast counts
    /// equal to the day-by-day ones: the precomputation holds for data we have not seen.</summary>
    [Fact]
    public void A_loaded_year_of_any_shape_counts_like_walking() =>
        Gen.Select(LoadedYears, Gen.Int[-40, 400], Gen.Int[0, 120]).Sample((year, offset, n) =>
        {
            var calendar = Calendar.WithYear(year);
            var from = new DateOnly(year.Year, 1, 1).AddDays(offset);
            Assert.Equal(Walk(calendar, from, n), calendar.AddWorkingDays(from, n).Due);
        }, iter: 200);

    private static readonly Gen<YearCalendar> LoadedYears =
        from year in Gen.Int[2025, 2031]
        from offDays in Gen.Int[0, 365].HashSet[0, 40]
        from workDays in Gen.Int[0, 365].HashSet[0, 15]
        select MakeYear(year, offDays, workDays);

    private static YearCalendar MakeYear(int year, HashSet<int> offDays, HashSet<int> workDays)
    {
        var first = new DateOnly(year, 1, 1);
        var off = offDays.Select(first.AddDays).Where(d => d.Year == year).ToHashSet();
        var on = workDays.Select(first.AddDays)
            .Where(d => d.Year == year && d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !off.Contains(d));
        return new YearCalendar(year, off.ToDictionary(d => d, _ => "假"), on.ToDictionary(d => d, _ => "班"));
    }

    private static DateOnly Walk(WorkingCalendar calendar, DateOnly from, int n)
    {
        var day = from;
        while (n > 0)
        {
            day = day.AddDays(1);
            if (calendar.Day(day).WorkingDay) n--;
        }
        return day;
    }
}
