using System.Net;
using System.Text.Json.Nodes;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The public look-up and rating against a guesser (issue 13.2): ten wrong query codes lock the case for everyone,
/// the right code included, and only that case; a wrong code tells nothing that an unknown case number does not.</summary>
[Collection(ApiCollection.Name)]
public sealed class PublicLockoutTests(ApiNode node)
{
    private async Task<(string Number, string Code)> NewCase()
    {
        using var window = node.Client("window", "qj-window");
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        return (created.Text("caseNumber"), created.Text("queryCode"));
    }

    private static string Wrong(string right, int n) => ((int.Parse(right) + 1 + n) % 1_000_000).ToString("D6");

    private static string LookUp(string number, string code) => $"/api/v1/public/cases/{number}?queryCode={code}";

    private static string Rating(string number, string code) => $"/api/v1/public/cases/{number}/rating?queryCode={code}";

    [Fact]
    public async Task The_eleventh_try_is_refused_429_even_with_the_right_code_and_other_cases_are_unaffected()
    {
        var (number, code) = await NewCase();
        var (other, otherCode) = await NewCase();
        using var anonymous = node.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get(LookUp(number, code))).Status);

        for (var i = 0; i < 10; i++)
        {
            // Look-ups and ratings count alike.
            var wrong = i % 2 == 0 ? await anonymous.Get(LookUp(number, Wrong(code, i)))
                : await anonymous.Post(Rating(number, Wrong(code, i)), new { level = "very-satisfied" });
            Assert.True(wrong.Status == HttpStatusCode.NotFound, $"try {i + 1}: {wrong}");
        }

        foreach (var refused in new[]
                 {
                     await anonymous.Get(LookUp(number, code)),
                     await anonymous.Post(Rating(number, code), new { level = "very-satisfied" }),
                     await anonymous.Get(LookUp(number, Wrong(code, 11))),
                 })
        {
            Assert.True(refused.Status == HttpStatusCode.TooManyRequests, refused.ToString());
            Assert.Equal("too-many-requests", refused.Code);
            var retryAfter = int.Parse(Assert.Single(refused.Raw.Headers.GetValues("Retry-After")));
            Assert.InRange(retryAfter, 3000, 3600);
            Assert.Null(refused.Body!["caseNumber"]);
            Assert.Null(refused.Body["caseId"]);
            Assert.DoesNotContain("张", refused.Body.ToJsonString());
        }

        // Another case, the same caller: untouched.
        var fine = await anonymous.Get(LookUp(other, otherCode));
        Assert.Equal(HttpStatusCode.OK, fine.Status);
        Assert.Equal(other, fine.Text("caseNumber"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Get(LookUp(other, Wrong(otherCode, 0)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get(LookUp(other, otherCode))).Status);

        // The lock is counted for operators (the exporter caches a scrape for a moment: another test may just have read it).
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var metrics = "";
        for (var i = 0; i < 20 && !metrics.Contains("kuasheng_public_lockouts_total", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(250);
            metrics = await http.GetStringAsync("/metrics");
        }
        Assert.Contains("kuasheng_public_lockouts_total", metrics);
    }

    [Fact]
    public async Task A_wrong_code_answers_exactly_what_an_unknown_case_number_answers()
    {
        var (number, code) = await NewCase();
        using var anonymous = node.Client();
        var unknownNumber = "QJKS20261201-" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        var answers = new[]
        {
            await anonymous.Get(LookUp(number, Wrong(code, 0))),
            await anonymous.Get(LookUp(number, "")),
            await anonymous.Get($"/api/v1/public/cases/{number}"),
            await anonymous.Get(LookUp(unknownNumber, code)),
            await anonymous.Get(LookUp("QJKS20261201-XYZ", code)),
            await anonymous.Post(Rating(number, Wrong(code, 1)), new { level = "very-satisfied" }),
            await anonymous.Post(Rating(unknownNumber, code), new { level = "very-satisfied" }),
        };
        var first = answers[0];
        Assert.Equal(HttpStatusCode.NotFound, first.Status);
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.True(JsonNode.DeepEquals(Without(first.Body, "traceId"), Without(answer.Body, "traceId")), answer.ToString());
            Assert.False(answer.Raw.Headers.Contains("Retry-After"));
        }
        // Nothing of the case, and never the code, in a refusal.
        Assert.DoesNotContain(code, first.Body!.ToJsonString());
        Assert.DoesNotContain(number, first.Body.ToJsonString());
    }

    private static JsonNode? Without(JsonNode? body, string field)
    {
        var copy = body?.DeepClone().AsObject();
        copy?.Remove(field);
        return copy;
    }
}
