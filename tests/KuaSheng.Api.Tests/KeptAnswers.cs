using KuaSheng.Api.Auth;
using KuaSheng.Api.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace KuaSheng.Api.Tests;

/// <summary>What the tests of answers kept by the case share: a window of qj-window with a subject of its own (so that
/// its keys are its own), an answer's bytes, and the middleware's record of a key (none for a success the case kept).</summary>
internal sealed class KeptAnswers(ApiNode node)
{
    public ApiClient Window(string subject) =>
        new(new Uri(node.BaseUrl), node.Services.GetRequiredService<TokenIssuer>().Issue("window", subject, "qj-window"));

    public static async Task<byte[]> Bytes(ApiClient.Response r) => await r.Raw.Content.ReadAsByteArrayAsync();

    public Task<IdempotencyRecord?> Record(string subject, string key) =>
        node.Services.GetRequiredService<IdempotencyStore>().FindAsync($"window:{subject}", key);
}
