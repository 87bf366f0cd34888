using Akka.Persistence.Sql.Config;

namespace KuaSheng.Actors.Tests.Wiring;

/// <summary>The journal plugin opens each connection from its options rather than cloning one: linq2db keeps the
/// combined mapping schema with the options but builds it anew for every clone (a schema per write, 13.6% of the
/// node's allocations under load: docs/benchmarks.md, session 9).</summary>
public sealed class JournalConnectionSettingsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_journal_the_snapshot_store_and_the_read_journal_do_not_clone_connections()
    {
        await using var node = await Node.StartAsync(_dir);
        var config = node.System.Settings.Config;

        Assert.False(new JournalConfig(config.GetConfig("akka.persistence.journal.sql")).UseCloneConnection);
        Assert.False(new SnapshotConfig(config.GetConfig("akka.persistence.snapshot-store.sql")).UseCloneConnection);
        Assert.False(new ReadJournalConfig(config.GetConfig("akka.persistence.query.journal.sql")).UseCloneConnection);
    }
}
