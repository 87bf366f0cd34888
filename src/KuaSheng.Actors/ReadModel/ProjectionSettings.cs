using KuaSheng.Actors.Hosting;

namespace KuaSheng.Actors.ReadModel;

/// <summary>How a projection runner reads and writes: batches of up to <paramref name="BatchSize"/> events or what
/// arrived within <paramref name="BatchWindow"/>.</summary>
/// <param name="Source">Where the events of the projection's stream come from (by database: <see cref="SqliteJournalEvents"/>
/// or <see cref="ReadJournalEvents"/>).</param>
public sealed record ProjectionSettings(int BatchSize, TimeSpan BatchWindow, IJournalEvents Source)
{
    public static ProjectionSettings For(KuaShengOptions options) => options.Database == DatabaseKind.Sqlite
        ? new(500, options.ProjectionPollInterval, new SqliteJournalEvents(options.SqliteConnectionString(), 1000, options.ProjectionPollInterval))
        : new(500, options.ProjectionPollInterval, ReadJournalEvents.Instance);
}
