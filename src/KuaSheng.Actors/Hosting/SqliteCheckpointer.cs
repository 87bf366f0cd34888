using Akka.Actor;
using Akka.Event;

namespace KuaSheng.Actors.Hosting;

/// <summary>
/// Copies the SQLite WAL back into the database file in the background (<c>PRAGMA wal_checkpoint(PASSIVE)</c> every
/// <see cref="Interval"/>, on a connection of its own). The node's connections have SQLite's automatic checkpoint off
/// (<see cref="SqliteSetup.Pragmas"/>): it ran inside whichever commit crossed 1,000 WAL pages, most often the
/// journal's one writer, which then made every command waiting for the journal wait for the copy and its sync too
/// (4.5% of the node's CPU inside commits in a profile, docs/benchmarks.md). A passive checkpoint takes no lock that
/// writers wait for; it copies what no reader still needs, and the WAL is reused from its start once all of it was copied.
/// </summary>
public sealed class SqliteCheckpointer : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static Props Props(string connectionString) => Akka.Actor.Props.Create(() => new SqliteCheckpointer(connectionString));

    public ITimerScheduler Timers { get; set; } = null!;

    public SqliteCheckpointer(string connectionString)
    {
        var log = Context.GetLogger();
        var running = false;
        Receive<Tick>(_ =>
        {
            if (running) return;
            running = true;
            SqliteSetup.CheckpointAsync(connectionString)
                .PipeTo(Self, success: () => Done.Instance, failure: e => new Status.Failure(e));
        });
        Receive<Done>(_ => { running = false; }); // a block: "_ => running = false" is the predicate overload, false = unhandled
        Receive<Status.Failure>(f =>
        {
            running = false;
            // The journal tables may not exist yet, the disk may be full or the file locked: the next tick tries again.
            log.Warning("WAL checkpoint failed ({0}); trying again in {1} ms", f.Cause.Message, Interval.TotalMilliseconds);
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer("checkpoint", Tick.Instance, Interval);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed class Done
    {
        public static readonly Done Instance = new();
    }
}
