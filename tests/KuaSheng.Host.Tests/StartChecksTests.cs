using KuaSheng.Host.Lifecycle;

namespace KuaSheng.Host.Tests;

/// <summary>What a node refuses to start with (issue 13.2, 13.4 and 14): dev features in a production configuration, no
/// query-code secret of its own outside dev configurations, a console client of the identity provider without the
/// provider or without its secret. The messages name the settings to fix.</summary>
public sealed class StartChecksTests
{
    private const string Certificate = "--KuaSheng:Cluster:Tls:Required=false";
    private static readonly string Secret = "--KuaSheng:QueryCodes:Secret=" + new string('q', 40);
    private const string Provider = "--KuaSheng:Auth:Oidc:Authority=https://idp.example.gov.cn/realms/cq";
    private const string Audience = "--KuaSheng:Auth:Oidc:Audience=kuasheng";

    private static List<string> Problems(params string[] args)
    {
        var builder = KuaShengNode.CreateBuilder(args, TextWriter.Null);
        return [.. StartChecks.Problems(KuaShengNode.ReadOptions(builder.Configuration), builder.Configuration)];
    }

    [Fact]
    public void Dev_features_cannot_be_turned_on_in_the_production_configuration()
    {
        var problem = Assert.Single(Problems("--config", "production", Provider, Audience, Certificate, Secret, "--KuaSheng:DevFeatures=true"));
        Assert.Contains("KuaSheng:DevFeatures", problem);
        Assert.Empty(Problems("--config", "production", Provider, Audience, Certificate, Secret));
        Assert.Empty(Problems("--KuaSheng:DevFeatures=true")); // the single node: dev features are its default
    }

    [Fact]
    public void Production_needs_a_query_code_secret_of_its_own_and_dev_configurations_may_go_without()
    {
        Assert.Contains("KuaSheng:QueryCodes:Secret", Assert.Single(Problems("--config", "production", Provider, Audience, Certificate)));
        Assert.Empty(Problems());
        Assert.Contains("at least 32 bytes", Assert.Single(Problems("--config", "production", Provider, Audience, Certificate, "--KuaSheng:QueryCodes:Secret=short")));
        var key = new string('k', 48);
        Assert.Contains("must not be the token signing key", Assert.Single(Problems("--config", "production", Provider, Audience, Certificate,
            $"--KuaSheng:Auth:SigningKey={key}", $"--KuaSheng:QueryCodes:Secret={key}")));
    }

    [Fact]
    public void Production_accepts_only_the_identity_providers_tokens_and_refuses_the_dev_key()
    {
        var problem = Assert.Single(Problems("--config", "production", Certificate, Secret));
        Assert.Contains("KuaSheng:Auth:Oidc:Authority (or MetadataAddress) and Audience are required in a production configuration", problem);
        var devKey = "--KuaSheng:Auth:SigningKey=" + Api.Auth.AuthSettings.DevSigningKey;
        Assert.Contains("the dev key", Assert.Single(Problems("--config", "production", Provider, Audience, Certificate, Secret, devKey)));
        Assert.Empty(Problems(devKey)); // the single node: its own dev key, no provider
    }

    [Fact]
    public void A_provider_is_refused_over_plain_http_off_this_machine_without_an_audience_or_with_a_symmetric_algorithm()
    {
        Assert.Contains("plain http", Assert.Single(Problems("--KuaSheng:Auth:Oidc:Authority=http://idp.example.gov.cn", Audience)));
        Assert.Empty(Problems("--KuaSheng:Auth:Oidc:Authority=http://127.0.0.1:8080", Audience));
        Assert.Empty(Problems("--KuaSheng:Auth:Oidc:MetadataAddress=http://localhost:8080/.well-known/openid-configuration", Audience));
        Assert.Contains("Audience", Assert.Single(Problems(Provider)));
        Assert.Contains("\"HS256\" is not accepted", Assert.Single(Problems(Provider, Audience, "--KuaSheng:Auth:Oidc:Algorithms:0=HS256")));
        Assert.Contains("\"none\" is not accepted", Assert.Single(Problems(Provider, Audience, "--KuaSheng:Auth:Oidc:Algorithms:0=none")));
        Assert.Contains("no role of API.md", Assert.Single(Problems(Provider, Audience, "--KuaSheng:Auth:Oidc:RoleValues:admin=root")));
    }

    [Fact]
    public void A_console_client_of_the_provider_needs_the_provider_and_a_secret_that_no_message_shows()
    {
        const string client = "--KuaSheng:Console:Oidc:ClientId=kuasheng-console";
        const string secret = "--KuaSheng:Console:Oidc:ClientSecret=console-client-s3cret";
        Assert.Contains("KuaSheng:Console:Oidc:ClientId is set but KuaSheng:Auth:Oidc is not", Assert.Single(Problems(client, secret)));
        Assert.Contains("KuaSheng:Console:Oidc:ClientSecret", Assert.Single(Problems(Provider, Audience, client)));
        Assert.Empty(Problems(Provider, Audience, client, secret));
        Assert.Empty(Problems(Provider, Audience)); // no console client: the console is not signed in with the provider
        Assert.Empty(Problems("--config", "production", Provider, Audience, Certificate, Secret, client, secret));
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "console-client-secret");
        File.WriteAllLines(file, ["", "console-client-s3cret-from-a-file"]);
        Assert.Empty(Problems(Provider, Audience, client, $"--KuaSheng:Console:Oidc:ClientSecretFile={file}"));
        Assert.Contains("no file", Assert.Single(Problems(Provider, Audience, client, "--KuaSheng:Console:Oidc:ClientSecretFile=/nowhere/secret")));
        Assert.DoesNotContain(Problems(client, secret).Concat(Problems(Provider, Audience, client)), p => p.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_file_gives_the_current_secret_on_its_first_line_and_previous_ones_after()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "query-codes");
        File.WriteAllLines(file, [new string('n', 40), new string('o', 40)]);
        Assert.Empty(Problems("--config", "production", Provider, Audience, Certificate, $"--KuaSheng:QueryCodes:SecretFile={file}"));
        var secrets = Api.Public.QueryCodeSettings.From(KuaShengNode.CreateBuilder([$"--KuaSheng:QueryCodes:SecretFile={file}"], TextWriter.Null)
            .Configuration).Resolve(devFeatures: false, signingKey: null);
        Assert.Equal([new string('n', 40), new string('o', 40)], secrets.Select(s => System.Text.Encoding.UTF8.GetString(s)));
        Assert.Contains("no file", Assert.Single(Problems("--config", "production", Provider, Audience, Certificate, "--KuaSheng:QueryCodes:SecretFile=/nowhere/secret")));
    }

    [Fact]
    public async Task A_production_node_with_dev_features_exits_1_naming_the_setting()
    {
        var output = await ChildNode.RefusedProductionStart(new Dictionary<string, string> { ["KuaSheng__DevFeatures"] = "true" });
        Assert.Contains("KuaSheng:DevFeatures is on in a production configuration", output);
    }
}
