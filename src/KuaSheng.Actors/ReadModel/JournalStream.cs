using System.Data.Common;
using System.Globalization;
using KuaSheng.Actors.Hosting;

namespace KuaSheng.Actors.ReadModel;

/// <summary>Which of the journal's events a projection follows, in the journal's order (its <c>ordering</c>).</summary>
public abstract record JournalStream
{
    /// <summary>The events of one tag (Akka.Persistence.Sql's tag table). Every tagged event costs a tag row and makes
    /// the plugin insert its journal row on its own to learn the row's ordering.</summary>
    public sealed record Tagged(string Tag) : JournalStream;

    /// <summary>The events of one entity kind: persistence ids that start with <paramref name="PersistenceIdPrefix"/>,
    /// read from the journal by ordering. Nothing extra is written: the events of a command go to the journal as one
    /// multi-row insert. Older journals whose events of the kind were tagged are read the same way.</summary>
    public sealed record Entities(string PersistenceIdPrefix) : JournalStream;

    /// <summary>How many events of the stream the journal holds after <paramref name="offset"/>, up to
    /// <paramref name="cap"/> + 1.</summary>
    public async Task<long> CountAfterAsync(DbConnection connection, long offset, long cap, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        var limit = (cap + 1).ToString(CultureInfo.InvariantCulture);
        switch (this)
        {
            case Tagged t:
                command.CommandText = $"SELECT COUNT(*) FROM (SELECT 1 FROM tags WHERE tag = @tag AND ordering_id > @offset LIMIT {limit}) AS behind";
                command.AddParameter("tag", t.Tag);
                break;
            case Entities e:
                command.CommandText = "SELECT COUNT(*) FROM (SELECT 1 FROM event_journal WHERE ordering > @offset AND " +
                                      $"substr(persistence_id, 1, @length) = @prefix LIMIT {limit}) AS behind";
                command.AddParameter("prefix", e.PersistenceIdPrefix);
                command.AddParameter("length", e.PersistenceIdPrefix.Length);
                break;
        }
        command.AddParameter("offset", offset);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (NodeDatabase.IsMissingTable(e))
        {
            return 0; // no event written yet
        }
    }
}
