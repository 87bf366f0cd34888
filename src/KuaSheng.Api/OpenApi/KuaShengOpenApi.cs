using System.Text.Json;
using System.Text.Json.Nodes;
using KuaSheng.Api.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace KuaSheng.Api.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and a browsable reference (<c>/scalar/v1</c>), both without a
/// token: the bearer scheme, and per operation its security, summary and request/response examples
/// (<see cref="ApiExamples"/>), case endpoints included.</summary>
public static class KuaShengOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar/v1";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddKuaShengOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "KuaSheng 跨省通办 API",
                    Version = "v1",
                    Description = "Cross-province government services (跨省通办) of Qijiang District, Chongqing. JSON, camelCase, " +
                                  "enum values in kebab-case; errors are RFC 7807 problem details with a stable `code` " +
                                  "(validation-failed, unauthenticated, forbidden, not-found, illegal-transition, conflict, no-route, " +
                                  "payload-too-large, too-many-requests, unavailable). Sign in with `Authorization: Bearer <JWT>`; dev configurations " +
                                  "issue tokens at POST /api/v1/auth/dev-token.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT with claims sub, role (window | officer | integration | carrier | supervisor | operator), " +
                                  "unit (window, officer) and units (integration).",
                };
                // A nullable field may be left out of a request, and answers leave null fields out (WhenWritingNull): not
                // required, unless RequiredFields says the service needs it. Done here, where nullable references are resolved.
                var explicitlyRequired = RequiredFields.Keys.Select(t => t.Name).ToHashSet();
                foreach (var (name, component) in document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
                    if (!explicitlyRequired.Contains(name) && component is OpenApiSchema { Required.Count: > 0, Properties: { } properties } schema)
                        schema.Required = new HashSet<string>(schema.Required.Where(field => !properties.TryGetValue(field, out var p) || !IsNullable(p)));
                // The server is the address the document was fetched from, without a trailing slash.
                foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Positional records read as "every field required": say which fields a body really needs.
                if (RequiredFields.TryGetValue(context.JsonTypeInfo.Type, out var required)) schema.Required = new HashSet<string>(required);
                if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) ProblemSchema.Extend(schema);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                operation.Responses ??= new OpenApiResponses();
                operation.OperationId ??= OperationIds.For(context.Description.HttpMethod, context.Description.RelativePath);
                operation.Security ??= [];
                if (!secured) operation.Security.Add(new OpenApiSecurityRequirement()); // public: an empty requirement, no token
                if (secured)
                {
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                    SetExample(operation, "401", "Not signed in", ApiExamples.Problem(401, "unauthenticated", "Not signed in",
                        "A valid bearer token is required (Authorization: Bearer <JWT>)."), onlyIfMissing: true);
                }
                var key = $"{context.Description.HttpMethod} /{context.Description.RelativePath?.TrimEnd('/')}";
                if (ApiExamples.For(key) is { } examples)
                {
                    if (examples.Summary is { } summary && string.IsNullOrEmpty(operation.Summary)) operation.Summary = summary;
                    if (examples.Request is { } request) SetRequestExample(operation, request);
                    foreach (var (status, body) in examples.Responses) SetExample(operation, status, Describe(status), body, onlyIfMissing: false);
                }
                foreach (var status in ProblemStatuses.For(context.Description.HttpMethod, context.Description.RelativePath, operation.RequestBody is not null,
                             Hardening.RateLimits.IsLimited(metadata)))
                    if (!operation.Responses.ContainsKey(status)) operation.Responses[status] = new OpenApiResponse { Description = Describe(status) };
                // Every problem answer is a problem document (application/problem+json, the ProblemDetails schema).
                foreach (var (status, response) in operation.Responses)
                {
                    if (status[0] is not ('4' or '5') || response is not OpenApiResponse problem) continue;
                    problem.Content ??= new Dictionary<string, OpenApiMediaType>();
                    if (!problem.Content.ContainsKey("application/problem+json")) problem.Content["application/problem+json"] = new OpenApiMediaType();
                    foreach (var media in problem.Content.Values) media.Schema ??= new OpenApiSchemaReference("ProblemDetails", context.Document);
                    if (status is "429" or "503")
                        (problem.Headers ??= new Dictionary<string, IOpenApiHeader>())["Retry-After"] = new OpenApiHeader
                        {
                            Description = "Seconds to wait before trying again.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                        };
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    private static readonly Dictionary<Type, string[]> RequiredFields = new()
    {
        [typeof(Catalogue.ItemBody)] = [], // name: on an add only (a revision keeps the current name); the 400 says so
        [typeof(Cases.SubmitCaseBody)] = ["itemCode", "mode", "channel", "applicant", "delivery"],
        [typeof(Cases.MailingBody)] = ["purpose", "waybillNumber"],
        [typeof(Carrier.CarrierEventBody)] = ["waybillNumber", "status"],
        [typeof(Catalogue.RoutingBody)] = ["legs"],
        [typeof(Catalogue.LegSpecBody)] = ["role", "selector", "candidates"],
        [typeof(Units.RegisterUnitBody)] = ["name", "region", "kind"],
        [typeof(Dev.DevTokenBody)] = ["role"],
        [typeof(Dev.DevClockBody)] = ["now"],
        [typeof(Calendar.YearBody)] = ["holidays", "workdays"],
    };

    private static bool IsNullable(IOpenApiSchema field) =>
        field.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || field.OneOf?.Any(s => s.Type == JsonSchemaType.Null) == true
        || field.AnyOf?.Any(s => s.Type == JsonSchemaType.Null) == true;

    public static WebApplication MapKuaShengOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("KuaSheng 跨省通办 API");
            options.AddPreferredSecuritySchemes(BearerScheme);
            // Nothing from elsewhere (the page's CSP allows this origin only: Hardening.SecurityHeaders): system fonts instead of
            // fonts.scalar.com, and no telemetry.
            options.DisableDefaultFonts();
            options.DisableTelemetry();
            // A fresh nonce per page on its script tags, which the page's CSP allows instead of any inline script.
            options.WithNonce();
        }).AllowAnonymous();
        return app;
    }

    internal static JsonNode Node(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), ApiJson.Options)!;

    private static void SetRequestExample(OpenApiOperation operation, object example)
    {
        operation.RequestBody ??= new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() };
        if (operation.RequestBody is not OpenApiRequestBody body) return;
        var content = body.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (content.Count == 0) content["application/json"] = new OpenApiMediaType();
        foreach (var media in content.Values) media.Example = Node(example);
    }

    private static void SetExample(OpenApiOperation operation, string status, string description, object example, bool onlyIfMissing)
    {
        var responses = operation.Responses!;
        if (!responses.TryGetValue(status, out var response))
        {
            response = new OpenApiResponse { Description = description };
            responses[status] = response;
        }
        else if (onlyIfMissing) return;
        if (response is not OpenApiResponse concrete) return;
        concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
        var mediaType = status.StartsWith('2') ? "application/json" : "application/problem+json";
        if (concrete.Content.Count == 0) concrete.Content[mediaType] = new OpenApiMediaType();
        foreach (var media in concrete.Content.Values) media.Example = Node(example);
    }

    private static string Describe(string status) => status switch
    {
        "200" => "OK",
        "201" => "Created",
        "400" => "The request is not valid (validation-failed)",
        "401" => "Not signed in (unauthenticated)",
        "403" => "Wrong role or not your unit (forbidden)",
        "404" => "Not found (not-found)",
        "409" => "Conflict (illegal-transition, conflict or no-route)",
        "413" => "The body is over 1 MB (payload-too-large)",
        "415" => "The body is not JSON, or not in a known charset (unsupported-media-type)",
        "429" => "Too many requests from this address, or too many wrong query codes for this case (too-many-requests); see Retry-After",
        "503" => "Temporarily unavailable (unavailable)",
        _ => "Answer",
    };
}
