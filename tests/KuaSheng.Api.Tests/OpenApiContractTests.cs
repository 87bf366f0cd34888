using System.Text.Json.Nodes;

namespace KuaSheng.Api.Tests;

/// <summary>The response check of the test client finds what the document does not say.</summary>
public sealed class OpenApiContractTests
{
    private static readonly OpenApiContract Contract = OpenApiContract.FromDocument(JsonNode.Parse("""
        {
          "openapi": "3.1.1",
          "paths": {
            "/api/v1/things/{id}": { "get": { "responses": {
              "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
              "404": { "description": "Not found", "content": { "application/problem+json": { "schema": { "type": "object" } } } } } } },
            "/api/v1/things/special": { "get": { "responses": { "204": { "description": "No content" } } } }
          },
          "components": { "schemas": { "Thing": { "type": "object", "required": ["name"],
            "properties": { "name": { "type": "string" }, "note": { "type": ["null", "string"] } } } } }
        }
        """)!.AsObject());

    [Fact]
    public void A_body_of_the_documented_shape_passes()
    {
        Assert.Null(Contract.Check(HttpMethod.Get, "/api/v1/things/7?x=1", 200, "application/json", """{"name":"a"}"""));
        Assert.Null(Contract.Check(HttpMethod.Get, "/api/v1/things/7", 200, "application/json", """{"name":"a","note":null}"""));
        Assert.Null(Contract.Check(HttpMethod.Get, "/api/v1/things/special", 204, null, ""));
        Assert.Null(Contract.Check(HttpMethod.Get, "/healthz", 500, "application/json", "{}")); // not an API operation
    }

    [Theory]
    [InlineData(200, "application/json", "{}", "does not match")]
    [InlineData(200, "application/json", """{"name":1}""", "does not match")]
    [InlineData(418, "application/json", """{"name":"a"}""", "not listed")]
    [InlineData(404, "application/json", """{"name":"a"}""", "media type")]
    public void A_drift_is_found(int status, string mediaType, string body, string expected)
    {
        var drift = Contract.Check(HttpMethod.Get, "/api/v1/things/7", status, mediaType, body);
        Assert.NotNull(drift);
        Assert.Contains(expected, drift);
    }

    [Fact]
    public void An_operation_the_document_lacks_is_a_drift_unless_it_is_not_found()
    {
        Assert.Contains("no operation", Contract.Check(HttpMethod.Post, "/api/v1/things/7", 200, "application/json", "{}"));
        Assert.Null(Contract.Check(HttpMethod.Post, "/api/v1/things/7", 405, null, ""));
    }
}
