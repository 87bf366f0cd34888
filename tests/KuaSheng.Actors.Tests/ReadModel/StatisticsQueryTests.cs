using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Domain.Cases;
using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Deadlines;
using Microsoft.Data.Sqlite;
using static KuaSheng.Actors.Tests.Wiring.NodeCases;

namespace KuaSheng.Actors.Tests.ReadModel;

/// <summary>The supervisor's queries of the case read model (console screens 6 and 8) over the journal of
/// <see cref="RedeliveryTests"/>: r1 completed, rated 非常不满意 and rectified; r2 withdrawn.</summary>
public sealed class StatisticsQueryTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-statistics-" + Guid.NewGuid().ToString("N"));
    private CaseReadModelStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = new CaseReadModelStore(DatabaseKind.Sqlite, $"Data Source={Path.Combine(_dir, "rm.db")}");
        var journal = RedeliveryTests.Journal();
        await _store.ApplyAsync(journal, journal.Count, Monday);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Cases_are_counted_by_status_and_by_mode()
    {
        var counts = await _store.CountsAsync();
        Assert.Equal(new Dictionary<CaseStatus, long> { [CaseStatus.Completed] = 1, [CaseStatus.Withdrawn] = 1 }, counts.ByStatus);
        Assert.Equal(2, counts.ByMode.Values.Sum());
        Assert.Single(counts.ByMode);
    }

    [Fact]
    public async Task Received_per_day_counts_each_China_date_and_every_day_of_the_range()
    {
        var day = CaseContext.ChinaDate(Monday);
        var days = await _store.ReceivedPerDayAsync(day.AddDays(-2), day.AddDays(2));
        Assert.Equal(5, days.Count);
        Assert.Equal(Enumerable.Range(-2, 5).Select(d => day.AddDays(d)), days.Select(d => d.Day));
        Assert.Equal(2, days.Sum(d => d.Count));
        // r1 is submitted on Monday at 12:00, r2 36 hours later at 00:00 on Wednesday, China time (Tuesday 16:00 UTC).
        Assert.Equal([0, 0, 1, 0, 1], days.Select(d => d.Count));
    }

    [Fact]
    public async Task A_bad_rating_is_listed_with_its_level_and_rectification_deadline()
    {
        var row = Assert.Single(await _store.RectificationsAsync(null));
        Assert.Equal("r1", row.CaseId);
        Assert.Equal(RatingLevel.VeryDissatisfied, row.Level);
        Assert.NotNull(row.RatedAt);
        Assert.Equal(DeadlineStep.Rectification, row.Deadline.Step);
        Assert.NotNull(row.Deadline.MetAt);
        Assert.Equal(RectificationState.Rectified, RectificationProgress.Of(row.Deadline, row.Deadline.Due.AddDays(30)));
        Assert.Empty(await _store.RectificationsAsync("qj-notary"));
        Assert.Single(await _store.RectificationsAsync(row.Deadline.UnitId));
    }
}
