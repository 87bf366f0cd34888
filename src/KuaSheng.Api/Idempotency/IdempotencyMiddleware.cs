using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Problems;
using KuaSheng.Domain;
using KuaSheng.Domain.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every POST under <c>/api/v1</c> (API.md, Idempotency). Keys belong to a caller
/// (role + subject; anonymous callers: the key and the path). The first request with a key claims it and its answer
/// (status, content type, Location, body bytes) is kept; the same key with the same request (method, path, query and
/// body bytes, SHA-256) gets that answer again without running anything; with another request, 409 <c>conflict</c>.
/// A second identical request while the first is still running waits for it briefly, else 409 "still being
/// processed". Answers of 5xx and 429 are not kept: the claim is dropped so the request can be retried.
/// Runs after authentication and authorization, so 401s are never kept and the caller is known.
/// </summary>
/// A claim carries its node's incarnation (<see cref="ClaimOwners"/>): one left by a node no longer in the cluster is
/// taken over at once. A release or answer the database did not take is written later (<see cref="UnfinishedClaims"/>),
/// and a retry with the key writes it first.
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, IdempotencySettings settings, TimeProvider time,
    ClaimOwners owners, UnfinishedClaims unfinished, ILogger<IdempotencyMiddleware> log)
{
    public const string ReplayedHeader = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.StartsWithSegments(KuaShengApi.Prefix) || http.GetEndpoint() is null
            || !http.Request.Headers.TryGetValue(ApiHeaders.IdempotencyKey, out var values))
        {
            await next(http);
            return;
        }
        var key = values.Count == 1 ? values[0] ?? "" : null;
        var invalid = key is null ? "Send one Idempotency-Key, not several." : IdempotencyKey.Problem(key);
        if (invalid is not null)
        {
            await Problem.Validation(ApiHeaders.IdempotencyKey, invalid).ExecuteAsync(http);
            return;
        }

        var body = await ReadBody(http);
        var caller = Scope(http);
        var path = http.Request.PathBase.Add(http.Request.Path).Value ?? "";
        var hash = Hash(http.Request.Method, path, http.Request.QueryString.Value, body);
        if (http.GetEndpoint()!.Metadata.GetMetadata<EntityKeepsAnswers>() is not null)
        {
            await RunKeptByEntity(http, caller, key!, path, hash);
            return;
        }

        IdempotencyClaim claim;
        try
        {
            await unfinished.SettleAsync(caller, key!, http.RequestAborted);
            claim = await Claim(http, caller, key!, path, hash);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            log.LogWarning(e, "Idempotency records not reachable for {Method} {Path}", http.Request.Method, path);
            await Problem.Unavailable("Idempotency records are not reachable just now; nothing was done. Retry shortly.").ExecuteAsync(http);
            return;
        }
        if (claim.Existing is { } existing)
        {
            await Answer(http, existing, hash);
            return;
        }
        await RunAndKeep(http, caller, key!);
    }

    /// <summary>Claims the key; while another identical request holds it unanswered, waits for it up to
    /// <see cref="IdempotencySettings.InFlightWait"/> (it may answer, or give up and leave the key free).</summary>
    private async Task<IdempotencyClaim> Claim(HttpContext http, string caller, string key, string path, string hash)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var claim = await store.ClaimAsync(caller, key, http.Request.Method, path, hash, time.GetUtcNow(),
                settings.EffectiveRetention, settings.AbandonedAfter, http.RequestAborted, owners.Self, owners.IsGone);
            if (claim.Existing is not { Pending: true } pending || pending.RequestHash != hash || waited >= settings.InFlightWait)
                return claim;
            await Task.Delay(pause, time, http.RequestAborted);
            waited += pause;
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }

    private static async Task Answer(HttpContext http, IdempotencyRecord existing, string hash)
    {
        if (existing.RequestHash != hash)
        {
            await Problem.Conflict("This Idempotency-Key was used with another request (another method, path or body); use a new key for a new request.")
                .ExecuteAsync(http);
            return;
        }
        if (existing.Answer is not { } answer)
        {
            await Problem.Of(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Conflict",
                "A request with this Idempotency-Key is still being processed; retry shortly.", retryAfter: TimeSpan.FromSeconds(1)).ExecuteAsync(http);
            return;
        }
        http.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null) http.Response.ContentType = answer.ContentType;
        if (answer.Location is not null) http.Response.Headers.Location = answer.Location;
        http.Response.Headers[ReplayedHeader] = "true";
        http.Response.ContentLength = answer.Body.Length;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted);
    }

    /// <summary>Runs the endpoint with the response held in memory, keeps the answer (or drops the claim), then
    /// sends it on.</summary>
    private async Task RunAndKeep(HttpContext http, string caller, string key)
    {
        var original = http.Response.Body;
        MemoryStream buffer;
        try
        {
            buffer = await RunBuffered(http);
        }
        catch
        {
            await Release(caller, key);
            throw;
        }
        using var _ = buffer;

        var status = http.Response.StatusCode;
        if (Keeps(status))
        {
            var answer = new StoredAnswer(status, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                buffer.ToArray());
            try
            {
                await store.CompleteAsync(caller, key, answer, owners.Self, CancellationToken.None);
            }
            catch (Exception e) when (e is DbException or TimeoutException)
            {
                // The request did its work; its answer still goes out, and is written when the database is back.
                log.LogWarning(e, "Could not keep the answer for an Idempotency-Key on {Path}; it is written when the database answers",
                    http.Request.Path);
                unfinished.CompleteLater(caller, key, answer);
            }
        }
        else
        {
            await Release(caller, key);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>An endpoint whose entity keeps its answers (<see cref="EntityKeepsAnswers"/>): no claim, no record of a
    /// success. An answer kept before (a refusal) answers the same request, and another request is asked of the entity
    /// first (<see cref="RepeatOrConflict"/>); otherwise the endpoint runs with the request's hash, and only a refusal it
    /// answers (4xx but 429) is kept, since the entity wrote nothing for it.</summary>
    private async Task RunKeptByEntity(HttpContext http, string caller, string key, string path, string hash)
    {
        IdempotencyRecord? existing;
        try
        {
            await unfinished.SettleAsync(caller, key, http.RequestAborted);
            existing = await store.FindAsync(caller, key, http.RequestAborted);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            log.LogWarning(e, "Idempotency records not reachable for {Method} {Path}", http.Request.Method, path);
            await Problem.Unavailable("Idempotency records are not reachable just now; nothing was done. Retry shortly.").ExecuteAsync(http);
            return;
        }
        // Only a kept answer answers. A claim without one is a refusal being kept right now, or one whose node died before
        // it was kept (or a request of the claiming path from before the endpoint's entity kept its answers): the entity
        // decides again, and answers a command id it has seen as the first time. A kept success (one of the path from
        // before its entity kept its answers) is the key's first answer itself: another request is a conflict at once.
        if (existing is { Answer: { } kept })
        {
            if (existing.RequestHash != hash && kept.Status >= 400) await RepeatOrConflict(http, existing, hash);
            else await Answer(http, existing, hash);
            return;
        }

        http.Items[EntityKeepsAnswers.RequestHashItem] = hash;
        var original = http.Response.Body;
        using var buffer = await RunBuffered(http);
        var status = http.Response.StatusCode;
        if (status >= 400 && Keeps(status) && !http.Items.ContainsKey(EntityKeepsAnswers.DoNotKeepItem))
            await KeepRefusal(http, caller, key, path, hash, new StoredAnswer(status, http.Response.ContentType, null, buffer.ToArray()));
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>
    /// The key's record is a refusal of another request. It does not tell that this request is another body: a success
    /// of the entity writes no record, so the key may have been taken with this very request first, and the refusal kept
    /// after it (one decided before the entity was asked: the entity itself answers another body with a conflict, not
    /// kept). The entity alone knows its answers, so it is asked, once, to answer again a command it applied with this
    /// request and to decide nothing (<see cref="EntityKeepsAnswers.RepeatOnlyItem"/>; the case: <c>CaseRepeat</c>): its
    /// kept answer goes out; any other answer is the conflict the record says, as before (a request the entity did not
    /// take, or one refused before it), except a failure to retry (5xx, 429), which goes out as it is. Nothing is kept:
    /// the record stays the refusal's.
    /// </summary>
    /// <remarks>Why ask here rather than keep no such refusal: whether the entity took the key is known only by asking
    /// it, and a refusal must still be kept for the opposite order (refused first, then another body: 409, never a new
    /// command). Asking on this rare path keeps the one rule (same key and request: the first answer; another request:
    /// 409) where each answer is kept, and runs nothing twice.</remarks>
    private async Task RepeatOrConflict(HttpContext http, IdempotencyRecord existing, string hash)
    {
        http.Items[EntityKeepsAnswers.RequestHashItem] = hash;
        http.Items[EntityKeepsAnswers.RepeatOnlyItem] = true;
        var original = http.Response.Body;
        using var buffer = await RunBuffered(http);
        if (http.Response.Headers[ReplayedHeader] == "true" || !Keeps(http.Response.StatusCode))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return;
        }
        http.Response.ContentLength = null;
        http.Response.Headers.Location = default;
        await Answer(http, existing, hash);
    }

    /// <summary>Runs the endpoint with its response body held in memory (the response's own stream put back after);
    /// the caller sends the buffer on.</summary>
    private async Task<MemoryStream> RunBuffered(HttpContext http)
    {
        var original = http.Response.Body;
        var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
    }

    /// <summary>Keeps a refusal under the key, unless another request with the key was kept first. Not kept (the database
    /// did not answer), a repeat is decided again: it changed nothing either way.</summary>
    private async Task KeepRefusal(HttpContext http, string caller, string key, string path, string hash, StoredAnswer answer)
    {
        try
        {
            var claim = await store.ClaimAsync(caller, key, http.Request.Method, path, hash, time.GetUtcNow(),
                settings.EffectiveRetention, settings.AbandonedAfter, CancellationToken.None, owners.Self, owners.IsGone);
            if (claim.Claimed) await store.CompleteAsync(caller, key, answer, owners.Self, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            log.LogWarning(e, "Could not keep a refusal for an Idempotency-Key on {Path}; a repeat is decided again", path);
        }
    }

    /// <summary>Kept: every answer but a failure that did nothing and should be retried (5xx, 429).</summary>
    public static bool Keeps(int status) => status < 500 && status != StatusCodes.Status429TooManyRequests;

    private async Task Release(string caller, string key)
    {
        try
        {
            await store.ReleaseAsync(caller, key, owners.Self, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or TimeoutException)
        {
            log.LogWarning(e, "Could not release an Idempotency-Key claim; it is released when the database answers");
            unfinished.ReleaseLater(caller, key);
        }
    }

    /// <summary>Whose key it is: role and subject from the token; anonymous callers share keys per path.</summary>
    public static string Scope(HttpContext http) => Caller.From(http.User) is { } caller
        ? $"{caller.Role}:{caller.Subject}"
        : $"anonymous:{http.Request.PathBase.Add(http.Request.Path)}";

    /// <summary>SHA-256 of method, path, query string and the body bytes, hex.</summary>
    public static string Hash(string method, string path, string? query, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n{query}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Reads the whole body (at most 1 MB, which the error middleware enforces) and puts it back for the endpoint.</summary>
    private static async Task<byte[]> ReadBody(HttpContext http)
    {
        using var copy = new MemoryStream();
        await http.Request.Body.CopyToAsync(copy, http.RequestAborted);
        var bytes = copy.ToArray();
        http.Request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }
}
