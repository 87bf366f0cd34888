using System.Net;
using Xunit.Abstractions;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>A client generated from the served document by generators other people maintain (openapi-typescript and
/// openapi-fetch, ops/openapi-client.sh) type-checks against it and takes one proxy case from 收件 to 好差评
/// (ClientFlow/flow.ts): a field the flow uses that the document renames, reshapes or leaves untyped fails the type
/// check, and an answer of another status or content fails the run.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiClientFlowTests(ApiNode node, ITestOutputHelper log)
{
    [Fact]
    public async Task A_client_generated_from_the_served_document_takes_a_proxy_case_from_submission_to_rating()
    {
        var file = await OpenApiLintTests.ServedDocumentFileAsync(node);
        try
        {
            var tokens = new Dictionary<string, string>
            {
                ["KUASHENG_WINDOW_TOKEN"] = node.Token("window", "qj-window"),
                ["KUASHENG_OFFICER_TOKEN"] = node.Token("officer", "qj-notary"),
                ["KUASHENG_CARRIER_TOKEN"] = node.Token("carrier"),
            };
            var script = Path.Combine(OpenApiLintTests.RepositoryRoot(), "ops", "openapi-client.sh");
            var (exit, output) = await OpenApiLintTests.Run(script, tokens, node.BaseUrl, file);
            log.WriteLine(output);
            Assert.True(exit == 0, $"ops/openapi-client.sh exited {exit}:\n{output}");
            Assert.Contains("client flow passed", output);
        }
        finally { File.Delete(file); }
    }
}
