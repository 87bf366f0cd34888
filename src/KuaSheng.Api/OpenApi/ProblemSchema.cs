using Microsoft.OpenApi;

namespace KuaSheng.Api.OpenApi;

/// <summary>The problem details (RFC 7807) as this service writes them: the standard fields, the stable <c>code</c>
/// and, on a 400, <c>errors</c> (field name to messages).</summary>
internal static class ProblemSchema
{
    public static void Extend(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Stable error code: validation-failed, unauthenticated, forbidden, not-found, illegal-transition, " +
                          "conflict, no-route, payload-too-large, too-many-requests, unavailable.",
        };
        if (!schema.Properties.ContainsKey("errors"))
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "On validation-failed: the field names, each with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
    }
}
