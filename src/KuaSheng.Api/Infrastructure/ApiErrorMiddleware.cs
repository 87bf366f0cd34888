using System.Text.Json;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Infrastructure;

/// <summary>Bad input is the caller's problem, never a 500: malformed JSON, unknown enum values and wrong types
/// are 400 naming the field; bodies over 1 MB are 413. Anything else unexpected is a 500 without a stack trace.</summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> log)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TooLarge().ExecuteAsync(context);
            return;
        }
        // A charset .NET does not know makes the JSON reader throw InvalidOperationException (a 500): refuse it as 415.
        if (UnknownCharset(context.Request.ContentType))
        {
            await UnsupportedMediaType().ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
            // Minimal APIs answer a non-JSON body with a bare 415, and routing an unknown path of the API with a bare 404 and
            // a known path with another method with a bare 405: give them a problem body like every other refusal.
            if (!context.Response.HasStarted && context.Response.ContentType is null && context.Response.ContentLength is null or 0)
            {
                var api = context.Request.Path.StartsWithSegments(KuaShengApi.Prefix);
                var bare = context.Response.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(),
                    StatusCodes.Status404NotFound when api => Problem.NotFound("There is nothing at this address (see /openapi/v1.json)."),
                    StatusCodes.Status405MethodNotAllowed when api => Problem.Of(StatusCodes.Status405MethodNotAllowed, ProblemCodes.MethodNotAllowed,
                        "Method not allowed", "This address does not take this method (see /openapi/v1.json)."),
                    _ => null,
                };
                if (bare is not null) await bare.ExecuteAsync(context);
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var result = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : FromBadRequest(e);
            await result.ExecuteAsync(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            log.LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await Problem.Of(StatusCodes.Status500InternalServerError, "internal-error", "Internal error",
                "Something went wrong on our side; nothing was changed by this request if it was refused.").ExecuteAsync(context);
        }
    }

    private static IResult UnsupportedMediaType() => Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
        "Unsupported content type", "Send the body as JSON with Content-Type: application/json.");

    /// <summary>A <c>charset</c> parameter that names no encoding .NET has.</summary>
    public static bool UnknownCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var charset = media.Charset.Value;
        if (string.IsNullOrEmpty(charset)) return false;
        try
        {
            System.Text.Encoding.GetEncoding(charset.Trim('"'));
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static IResult TooLarge() => Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge,
        "Request too large", $"A request body may be at most {MaxBodyBytes / 1024} KB.");

    private static IResult FromBadRequest(BadHttpRequestException e)
    {
        var json = e.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
        var message = json is null
            ? "The request could not be read: send a JSON body with Content-Type application/json."
            : $"This value is not valid here ({Describe(json)}).";
        return Problem.Validation(new Dictionary<string, string[]> { [field] = [message] }, "The request body is not valid JSON for this endpoint.");
    }

    /// <summary>What went wrong, in words, without echoing the input back.</summary>
    private static string Describe(JsonException e) =>
        e.Message.Contains("could not be converted", StringComparison.Ordinal) ? "wrong type or unknown value"
        : e.Message.Contains("missing required", StringComparison.OrdinalIgnoreCase) ? "a required field is missing"
        : "malformed JSON";
}
