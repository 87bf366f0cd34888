using System.Text.Json;
using KuaSheng.Actors.Hosting;
using KuaSheng.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace KuaSheng.Host.Tests;

public sealed class ConfigurationTests
{
    private static KuaShengOptions OptionsOf(params string[] args) => KuaShengNode.ReadOptions(KuaShengNode.CreateBuilder(args, TextWriter.Null).Configuration);

    [Fact]
    public void Production_configuration_has_dev_features_off_and_postgresql()
    {
        // The file itself, as shipped in the repository...
        var path = Path.Combine(TestPaths.RepositoryRoot, "cluster-config", "production.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var section = json.RootElement.GetProperty("KuaSheng");
        Assert.False(section.GetProperty("DevFeatures").GetBoolean());
        // ...and as the node reads it.
        var options = OptionsOf("--config", "production");
        Assert.False(options.DevFeatures);
        Assert.Equal(DatabaseKind.PostgreSql, options.Database);
    }

    /// <summary>No configuration file is watched: a watcher on the content root (appsettings' reload-on-change) also
    /// sees every write of the SQLite files below it (./data) and cost 13% of the node's CPU under load.</summary>
    [Fact]
    public void No_configuration_file_is_reloaded_on_change()
    {
        var builder = KuaShengNode.CreateBuilder([], TextWriter.Null);
        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is reloaded on change"));
    }

    [Fact]
    public void Sqlite_durability_is_full_by_default_and_normal_when_configured()
    {
        Assert.Equal(SqliteSynchronous.Full, OptionsOf().SqliteSynchronous);
        Assert.Equal(SqliteSynchronous.Normal, OptionsOf("--KuaSheng:SqliteSynchronous=Normal").SqliteSynchronous);
    }

    [Fact]
    public void Default_is_the_single_node_configuration()
    {
        var builder = KuaShengNode.CreateBuilder([], TextWriter.Null);
        var options = KuaShengNode.ReadOptions(builder.Configuration);
        Assert.Equal(DatabaseKind.Sqlite, options.Database);
        Assert.True(options.DevFeatures);
        Assert.Equal("127.0.0.1", options.Cluster.Hostname);
        Assert.Equal(4100, options.Cluster.Port);
        Assert.Equal(["kuasheng"], options.Cluster.Roles);
        Assert.Empty(options.Cluster.Seeds);
        Assert.Equal(Path.GetFullPath("./data"), options.DataDir);
        Assert.Equal(Path.Combine(Path.GetFullPath("./data"), "kuasheng.db"),
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.SqliteConnectionString()).DataSource);
        Assert.Equal("http://127.0.0.1:5080", builder.Configuration["urls"]);
        Assert.False(builder.Configuration.GetValue<bool>("KuaSheng:Logging:Json"));
    }

    [Fact]
    public void Cluster_node_configuration_uses_postgresql_with_dev_features()
    {
        var options = OptionsOf("--config", "cluster-node");
        Assert.Equal(DatabaseKind.PostgreSql, options.Database);
        Assert.True(options.DevFeatures);
        Assert.False(string.IsNullOrEmpty(options.ConnectionString));
    }

    [Fact]
    public void Arguments_and_environment_override_the_file_and_the_file_can_be_chosen_by_environment()
    {
        Environment.SetEnvironmentVariable("KuaSheng__Cluster__Port", "4321");
        Environment.SetEnvironmentVariable("KUASHENG_CONFIG", "production");
        try
        {
            var fromEnvironment = OptionsOf();
            Assert.Equal(4321, fromEnvironment.Cluster.Port);
            Assert.False(fromEnvironment.DevFeatures); // production, chosen by KUASHENG_CONFIG

            var fromArguments = OptionsOf("--config", "single-node", "--KuaSheng:Cluster:Port=4999", "--KuaSheng:DevFeatures=false",
                "--KuaSheng:Cluster:Seeds:0=akka.tcp://kuasheng@127.0.0.1:4101", "--KuaSheng:Cluster:Roles:0=edge");
            Assert.Equal(4999, fromArguments.Cluster.Port); // argument beats environment
            Assert.False(fromArguments.DevFeatures);
            Assert.Equal(DatabaseKind.Sqlite, fromArguments.Database); // --config beats KUASHENG_CONFIG
            Assert.Equal(["akka.tcp://kuasheng@127.0.0.1:4101"], fromArguments.Cluster.Seeds);
            Assert.Equal(["edge"], fromArguments.Cluster.Roles); // replaces the default, does not append to it
        }
        finally
        {
            Environment.SetEnvironmentVariable("KuaSheng__Cluster__Port", null);
            Environment.SetEnvironmentVariable("KUASHENG_CONFIG", null);
        }
    }

    [Fact]
    public void A_configuration_file_can_be_given_by_path()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "mine.json");
        File.WriteAllText(file, """{ "KuaSheng": { "Cluster": { "Port": 4777 }, "DevFeatures": false } }""");
        var options = OptionsOf("--config", file);
        Assert.Equal(4777, options.Cluster.Port);
        Assert.False(options.DevFeatures);
        Assert.Equal(DatabaseKind.Sqlite, options.Database); // the class default: the file says nothing
    }

    [Fact]
    public void An_unknown_configuration_name_fails_naming_where_it_looked()
    {
        var error = Assert.Throws<FileNotFoundException>(() => KuaShengNode.CreateBuilder(["--config", "no-such-node"], TextWriter.Null));
        Assert.Contains("no-such-node", error.Message);
        Assert.Contains(Path.Combine("cluster-config", "no-such-node.json"), error.Message);
    }

    [Fact]
    public void Every_shipped_file_is_copied_beside_the_binary()
    {
        var shipped = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "cluster-config"), "*.json").Select(Path.GetFileName).Order();
        var copied = Directory.GetFiles(Path.Combine(TestPaths.HostOutputDirectory, "cluster-config"), "*.json").Select(Path.GetFileName).Order();
        Assert.Equal(shipped, copied);
        Assert.Equal(["cluster-node.json", "production.json", "single-node.json"], shipped);
    }

    [Fact]
    public void Resolve_prefers_the_flag_then_the_environment_then_single_node()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "cluster-config"));
        foreach (var name in new[] { "single-node", "production", "cluster-node" })
            File.WriteAllText(Path.Combine(folder.Path, "cluster-config", name + ".json"), "{}");
        string Resolve(string? flag, string? env) => Path.GetFileName(ClusterConfigFiles.Resolve(flag, env, folder.Path, "/nonexistent"));
        Assert.Equal("cluster-node.json", Resolve("cluster-node", "production"));
        Assert.Equal("production.json", Resolve(null, "production"));
        Assert.Equal("single-node.json", Resolve(null, null));
        Assert.Equal("single-node.json", Resolve(" ", ""));
    }
}
