using System.Data.Common;

namespace KuaSheng.Actors.Hosting;

/// <summary>The PostgreSQL connection string with its secret parts from where an operator keeps them: the whole string
/// in a file (<c>KuaSheng:ConnectionStringFile</c>), or the string without its password in configuration and the password
/// in a file (<c>KuaSheng:DatabasePasswordFile</c>) or in the environment (<c>KuaSheng__DatabasePassword</c>). The
/// result is only ever used to connect: the node never logs it.</summary>
public static class DatabaseCredentials
{
    /// <summary>The effective connection string (null when none is configured: SQLite derives its own).</summary>
    public static string? ConnectionString(KuaShengOptions options)
    {
        var connectionString = !string.IsNullOrWhiteSpace(options.ConnectionStringFile)
            ? File.Exists(options.ConnectionStringFile)
                ? File.ReadAllText(options.ConnectionStringFile).Trim()
                : throw new InvalidOperationException($"KuaSheng:ConnectionStringFile: no file {options.ConnectionStringFile}.")
            : options.ConnectionString;
        var password = !string.IsNullOrWhiteSpace(options.DatabasePasswordFile) ? SecretFiles.FirstLine(options.DatabasePasswordFile)
            : options.DatabasePassword;
        if (string.IsNullOrEmpty(password)) return connectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("A database password is set (KuaSheng:DatabasePassword or DatabasePasswordFile) but no connection string.");
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        builder["Password"] = password;
        return builder.ConnectionString;
    }
}
