using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace KuaSheng.Host.Tests;

/// <summary>The HTTP API of one child node, answering status and JSON without asserting (null status: no answer, and
/// <see cref="Answer.Failure"/> says why).</summary>
internal sealed class NodeApi(string baseUrl)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    }) { Timeout = Timeout.InfiniteTimeSpan };

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public string BaseUrl { get; } = baseUrl;

    /// <summary>Why a request got no answer.</summary>
    public enum NoAnswer
    {
        /// <summary>The connection was refused or could not be made: the node never saw the request.</summary>
        NotConnected,
        /// <summary>No answer within the client's timeout: the node may or may not have done it.</summary>
        TimedOut,
        /// <summary>The connection broke after the request was sent: the node may or may not have done it.</summary>
        Broken,
    }

    public sealed record Answer(HttpStatusCode? Status, JsonNode? Body, string Text, TimeSpan? RetryAfter = null, NoAnswer? Failure = null)
    {
        public bool Succeeded => Status is { } s && (int)s is >= 200 and < 300;
        public string? Code => (Body as JsonObject)?["code"]?.GetValue<string>();
        public override string ToString() => Status is null ? $"no answer ({Failure}): {Text}" : $"{(int?)Status} {Text}";
    }

    public async Task<string> Token(object body) =>
        (await Send(HttpMethod.Post, "/auth/dev-token", null, body)).Body!["token"]!.GetValue<string>();

    public async Task<Answer> Send(HttpMethod method, string path, string? token, object? body = null, string? key = null, TimeSpan? timeout = null)
    {
        using var request = new HttpRequestMessage(method, BaseUrl + "/api/v1" + path);
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (method == HttpMethod.Post) request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            using var response = await Client.SendAsync(request, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            JsonNode? json = null;
            try { json = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
            return new Answer(response.StatusCode, json, text, response.Headers.RetryAfter?.Delta);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
        {
            return new Answer(null, null, e.Message, Failure: NoAnswer.TimedOut);
        }
        catch (OperationCanceledException e)
        {
            // SocketsHttpHandler.ConnectTimeout: no connection was made.
            return new Answer(null, null, e.Message, Failure: NoAnswer.NotConnected);
        }
        catch (HttpRequestException e)
        {
            var notConnected = e.HttpRequestError == HttpRequestError.ConnectionError
                || e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            return new Answer(null, null, e.Message, Failure: notConnected ? NoAnswer.NotConnected : NoAnswer.Broken);
        }
    }
}
