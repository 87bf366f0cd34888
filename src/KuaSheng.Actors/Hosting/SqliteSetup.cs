using Microsoft.Data.Sqlite;

namespace KuaSheng.Actors.Hosting;

/// <summary>Prepares the embedded database before the journal opens it: the folder, and WAL mode (readers never
/// block the writer; measured 2-2.5x faster here than the default rollback journal). WAL is a property of the file,
/// so it is set once and stays.</summary>
public static class SqliteSetup
{
    public static void Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
