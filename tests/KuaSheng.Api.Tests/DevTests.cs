using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>A second node with dev features off, as in the production configuration (which then needs a query-code
/// secret of its own).</summary>
public sealed class SecondNode : IAsyncLifetime
{
    public ApiNode Node { get; } = new();

    public Task InitializeAsync() => Node.StartAsync("--KuaSheng:DevFeatures=false", "--KuaSheng:QueryCodes:Secret=" + new string('s', 40));

    public Task DisposeAsync() => Node.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SecondNodeCollection : ICollectionFixture<SecondNode>
{
    public const string Name = "api-no-dev-features";
}

[Collection(ApiCollection.Name)]
public sealed class DevTests(ApiNode node)
{
    [Fact]
    public async Task A_dev_token_is_issued_anonymously_and_works()
    {
        using var anonymous = node.Client();
        var issued = await anonymous.Post("/api/v1/auth/dev-token", new { role = "officer", unit = "qj-notary" });
        Expect(issued, HttpStatusCode.OK);
        Assert.Equal("officer", issued.Text("role"));
        Assert.Equal("dev-officer", issued.Text("sub"));
        using var officer = new ApiClient(new Uri(node.BaseUrl), issued.Text("token"));
        Expect(await officer.Get("/api/v1/units/qj-notary/worklist"), HttpStatusCode.OK);
        Expect(await officer.Get("/api/v1/units/qj-civil/worklist"), HttpStatusCode.Forbidden);

        var integration = await anonymous.Post("/api/v1/auth/dev-token", new { role = "integration", units = new[] { "qj-window", "qj-notary" }, sub = "yukuaiban" });
        Expect(integration, HttpStatusCode.OK);
        Assert.Equal("yukuaiban", integration.Text("sub"));
        Assert.Equal(2, integration.Body!["units"]!.AsArray().Count);
        Expect(await anonymous.Post("/api/v1/auth/dev-token", new { role = "supervisor" }), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"role\":\"admin\"}", "role")]
    [InlineData("{}", "role")]
    [InlineData("{\"role\":\"window\"}", "unit")]
    [InlineData("{\"role\":\"officer\",\"unit\":\"no-such-unit\"}", "unit")]
    [InlineData("{\"role\":\"integration\"}", "units")]
    [InlineData("{\"role\":\"integration\",\"units\":[\"qj-window\",\"nope\"]}", "units[1]")]
    [InlineData("{\"role\":\"supervisor\",\"unit\":\"qj-window\"}", "unit")]
    [InlineData("{\"role\":5}", "role")]
    public async Task A_dev_token_request_that_makes_no_sense_is_400_naming_the_field(string body, string field)
    {
        using var anonymous = node.Client();
        var answer = await anonymous.PostRaw("/api/v1/auth/dev-token", body);
        Expect(answer, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", answer.Code);
        Assert.NotNull(answer.Body!["errors"]![field]);
    }

    [Fact]
    public async Task The_dev_clock_is_set_read_and_released()
    {
        using var anonymous = node.Client();
        // A past instant: no deadline of another test's case can fall due while it is set.
        var instant = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.FromHours(8));
        try
        {
            var set = await anonymous.Put("/api/v1/dev/clock", new { now = instant });
            Expect(set, HttpStatusCode.OK);
            Assert.True(set.Body!["set"]!.GetValue<bool>());
            var now = DateTimeOffset.Parse(set.Text("now"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(now - instant, TimeSpan.Zero, TimeSpan.FromMinutes(1));
            Assert.Equal(TimeSpan.FromHours(8), now.Offset);
            Assert.True(node.Clock.IsSet);

            var read = await anonymous.Get("/api/v1/dev/clock");
            Assert.True(read.Body!["set"]!.GetValue<bool>());
            Assert.InRange(DateTimeOffset.Parse(read.Text("now"), System.Globalization.CultureInfo.InvariantCulture) - instant, TimeSpan.Zero, TimeSpan.FromMinutes(1));

            var invalid = await anonymous.Put("/api/v1/dev/clock", new { when = instant });
            Expect(invalid, HttpStatusCode.BadRequest);
            Assert.NotNull(invalid.Body!["errors"]!["now"]);
            Expect(await anonymous.PostRaw("/api/v1/dev/clock", "{}"), HttpStatusCode.MethodNotAllowed);
        }
        finally
        {
            var released = await anonymous.Delete("/api/v1/dev/clock");
            Expect(released, HttpStatusCode.OK);
            Assert.False(released.Body!["set"]!.GetValue<bool>());
        }
        Assert.False(node.Clock.IsSet);
    }
}

[Collection(SecondNodeCollection.Name)]
public sealed class DevFeaturesOffTests(SecondNode second)
{
    [Fact]
    public async Task Without_dev_features_dev_tokens_and_the_dev_clock_answer_404_as_if_absent()
    {
        var node = second.Node;
        using var anonymous = node.Client();
        using var operatorClient = node.Client("operator");
        foreach (var answer in new[]
                 {
                     await anonymous.Post("/api/v1/auth/dev-token", new { role = "operator" }),
                     await anonymous.PostRaw("/api/v1/auth/dev-token", "not json"),
                     await anonymous.Put("/api/v1/dev/clock", new { now = "2026-10-09T09:00:00+08:00" }),
                     await operatorClient.Get("/api/v1/dev/clock"),
                     await operatorClient.Delete("/api/v1/dev/clock"),
                 })
        {
            Expect(answer, HttpStatusCode.NotFound);
            Assert.Equal("not-found", answer.Code);
        }
        Assert.False(node.Clock.IsSet);

        var document = await anonymous.Get("/openapi/v1.json");
        Expect(document, HttpStatusCode.OK);
        var paths = document.Body!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.DoesNotContain("/api/v1/auth/dev-token", paths);
        Assert.DoesNotContain("/api/v1/dev/clock", paths);
        Assert.Contains("/api/v1/cases", paths);
    }
}
