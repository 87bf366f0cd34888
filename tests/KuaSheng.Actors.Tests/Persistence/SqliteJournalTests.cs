using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KuaSheng.Actors.Tests.Persistence;

/// <summary>The node's journal on SQLite is <see cref="SqliteJournal"/>, and what it writes is what Akka.Persistence.Sql
/// reads: an entity's recovery, the read journal by persistence id and by tag.</summary>
public sealed class SqliteJournalTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "kuasheng-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private async Task<IHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("journal-test", (akka, _) => akka.WithKuaShengPersistence(new KuaShengOptions { DataDir = _dir }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task Events_written_by_the_node_journal_are_recovered_and_read_by_the_plugin()
    {
        object[] events = ["first", new Tagged("second", ["ticket"]), "third"];
        using (var host = await StartAsync())
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            Assert.Equal(typeof(SqliteJournal), Type.GetType(system.Settings.Config.GetString("akka.persistence.journal.sql.class")));
            var writer = system.ActorOf(Props.Create(() => new Writer("entity-1")));
            Assert.Equal("written", await writer.Ask<string>(events, Timeout));
            // One more entity writing at the same time: each has its own sequence numbers.
            var other = system.ActorOf(Props.Create(() => new Writer("entity-2")));
            Assert.Equal("written", await other.Ask<string>(new object[] { "alone" }, Timeout));
            await host.StopAsync();
        }

        using (var host = await StartAsync())
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var recovered = await system.ActorOf(Props.Create(() => new Writer("entity-1"))).Ask<IReadOnlyList<(long, object)>>("recovered", Timeout);
            Assert.Equal([(1L, "first"), (2L, "second"), (3L, "third")], recovered);

            var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var byId = await journal.CurrentEventsByPersistenceId("entity-1", 0, long.MaxValue)
                .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
            Assert.Equal(["first", "second", "third"], byId.Select(e => e.Event));
            var byTag = await journal.CurrentEventsByTag("ticket", Offset.NoOffset())
                .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());
            var tagged = Assert.Single(byTag);
            Assert.Equal(("entity-1", 2L, "second"), (tagged.PersistenceId, tagged.SequenceNr, tagged.Event));
            await host.StopAsync();
        }
    }

    /// <summary>Persists the events it is given (one atomic write) and answers "written"; answers its recovered
    /// events to "recovered".</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly List<(long, object)> _recovered = [];

        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<string>(e => _recovered.Add((LastSequenceNr, e)));
            Command<object[]>(events =>
            {
                var sender = Sender;
                PersistAll(events, _ => { });
                DeferAsync("written", d => sender.Tell(d));
            });
            Command<string>(_ => Sender.Tell((IReadOnlyList<(long, object)>)_recovered));
        }

        public override string PersistenceId { get; }
    }
}
