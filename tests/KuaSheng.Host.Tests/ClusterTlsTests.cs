using System.Security.Cryptography.X509Certificates;
using KuaSheng.Actors.Hosting;

namespace KuaSheng.Host.Tests;

/// <summary>The pure parts of cluster TLS and of database credentials: which certificates are the cluster's, seeds'
/// schemes, what stops a node from starting, where the password comes from.</summary>
public sealed class ClusterTlsTests
{
    [Fact]
    public void Only_a_certificate_signed_by_the_clusters_CA_passes_the_chain_check()
    {
        using var ca = new TestCa("cluster CA");
        using var other = new TestCa("other CA");
        using var ours = X509CertificateLoader.LoadPkcs12FromFile(ca.IssueNode("ours", "pw"), "pw");
        using var theirs = X509CertificateLoader.LoadPkcs12FromFile(other.IssueNode("theirs", "pw"), "pw");
        var roots = ClusterTls.LoadCa(ca.CertificatePath);

        Assert.Null(ClusterTls.ChainStatus(ours, null, roots));
        Assert.NotNull(ClusterTls.ChainStatus(theirs, null, roots));
        // The other CA's certificate presented as an "intermediate" gives it no trust.
        using var presented = new X509Chain();
        presented.ChainPolicy.ExtraStore.Add(other.Certificate);
        presented.Build(theirs);
        Assert.NotNull(ClusterTls.ChainStatus(theirs, presented, roots));
    }

    [Theory]
    [InlineData("akka.tcp://kuasheng@h:4100", true, "akka.ssl.tcp://kuasheng@h:4100")]
    [InlineData("akka.ssl.tcp://kuasheng@h:4100", true, "akka.ssl.tcp://kuasheng@h:4100")]
    [InlineData("akka.ssl.tcp://kuasheng@h:4100", false, "akka.tcp://kuasheng@h:4100")]
    [InlineData(" akka.tcp://kuasheng@h:4100 ", false, "akka.tcp://kuasheng@h:4100")]
    public void A_seed_takes_the_scheme_of_the_node(string seed, bool tls, string expected) =>
        Assert.Equal(expected, ClusterTls.Seed(seed, new TlsSettings { CertificatePath = tls ? "/some/node.p12" : null }));

    [Fact]
    public void Tls_settings_that_cannot_work_stop_the_node_with_what_to_set()
    {
        Assert.Null(new TlsSettings().Problem()); // off: the single node
        Assert.Contains("KuaSheng:Cluster:Tls:CertificatePath", new TlsSettings { Required = true }.Problem());
        Assert.Contains("no file", new TlsSettings { CertificatePath = "/nowhere/node.p12" }.Problem());
        using var ca = new TestCa("ca");
        var p12 = ca.IssueNode("n", "pw");
        Assert.Null(new TlsSettings { Required = true, CertificatePath = p12, CaCertificatePath = ca.CertificatePath }.Problem());
        Assert.Contains("CaCertificatePath", new TlsSettings { CertificatePath = p12, CaCertificatePath = "/nowhere/ca.crt" }.Problem());
        Assert.Equal("pw", new TlsSettings { CertificatePasswordFile = ca.WriteFile("pw.txt", "pw\nignored\n"), CertificatePassword = "x" }.Password());
    }

    [Fact]
    public void The_database_password_comes_from_a_file_or_the_environment_into_the_connection_string()
    {
        using var folder = new TempFolder();
        var passwordFile = Path.Combine(folder.Path, "pw");
        File.WriteAllText(passwordFile, "from-file\n");
        var connectionFile = Path.Combine(folder.Path, "cs");
        File.WriteAllText(connectionFile, "Host=db;Database=k;Username=u;Password=whole\n");

        Assert.Equal("Host=db;Database=k;Username=u;Password=whole",
            DatabaseCredentials.ConnectionString(new KuaShengOptions { ConnectionString = "Host=other", ConnectionStringFile = connectionFile }));
        var withFile = DatabaseCredentials.ConnectionString(new KuaShengOptions
        {
            ConnectionString = "Host=db;Database=k;Username=u", DatabasePassword = "from-env", DatabasePasswordFile = passwordFile,
        });
        Assert.Equal("from-file", new Npgsql.NpgsqlConnectionStringBuilder(withFile).Password);
        var withEnvironment = DatabaseCredentials.ConnectionString(new KuaShengOptions { ConnectionString = "Host=db;Username=u", DatabasePassword = "a;b=c" });
        Assert.Equal("a;b=c", new Npgsql.NpgsqlConnectionStringBuilder(withEnvironment).Password);
        Assert.Null(DatabaseCredentials.ConnectionString(new KuaShengOptions()));
        Assert.Throws<InvalidOperationException>(() => DatabaseCredentials.ConnectionString(new KuaShengOptions { DatabasePassword = "x" }));
        Assert.Throws<InvalidOperationException>(() => DatabaseCredentials.ConnectionString(new KuaShengOptions { ConnectionStringFile = "/nowhere" }));
    }
}
