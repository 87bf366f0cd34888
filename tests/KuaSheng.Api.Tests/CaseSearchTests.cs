using System.Net;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>GET /cases over HTTP: filters, paging, validation and scoping. The read model follows the journal
/// asynchronously, so the test polls (bounded) until its cases appear.</summary>
[Collection(ApiCollection.Name)]
public sealed class CaseSearchTests(ApiNode node)
{
    private static IEnumerable<string> Ids(ApiClient.Response r) => r.Body!["items"]!.AsArray().Select(i => i!["caseId"]!.GetValue<string>());

    internal static async Task<ApiClient.Response> Until(ApiClient client, string path, Func<ApiClient.Response, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.Get(path);
            Expect(response, HttpStatusCode.OK);
            if (done(response) || DateTime.UtcNow > until) return response;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Search_filters_by_status_item_dates_and_overdue_pages_and_is_scoped_to_the_callers_units()
    {
        using var window = node.Client("window", "qj-window");
        using var otherWindow = node.Client("window", "town-500110001");
        using var notary = node.Client("officer", "qj-notary");
        using var supervisor = node.Client("supervisor");
        using var operatorClient = node.Client("operator");

        var forwarded = new[]
        {
            await ReceiveAndForward(window, Application("1-1", QijiangId, original: true)),
            await ReceiveAndForward(window, Application("1-1", QijiangId, original: true)),
        };
        var withdrawn = await ReceiveAndForward(window, Application("1-1", QijiangId, original: true));
        Expect(await window.Post($"/api/v1/cases/{withdrawn}/withdrawal", new { reason = "不办了" }), HttpStatusCode.OK);
        var view = await window.Get($"/api/v1/cases/{withdrawn}");
        var submittedDay = DateOnly.FromDateTime(DateTimeOffset.Parse(view.Body!["timeline"]![0]!["at"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).DateTime);
        var day = submittedDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // The withdrawal is the last event: once it shows, the other cases are projected too.
        var found = await Until(supervisor, "/api/v1/cases?status=withdrawn&pageSize=200", r => Ids(r).Contains(withdrawn));
        Assert.Contains(withdrawn, Ids(found));
        Assert.All(found.Body!["items"]!.AsArray(), i => Assert.Equal("withdrawn", i!["status"]!.GetValue<string>()));

        var mine = await supervisor.Get($"/api/v1/cases?itemCode=1-1&status=forwarded&from={day}&to={day}&overdue=false&pageSize=200");
        Expect(mine, HttpStatusCode.OK);
        Assert.Superset(forwarded.ToHashSet(), Ids(mine).ToHashSet());
        Assert.DoesNotContain(withdrawn, Ids(mine));
        var summary = mine.Body!["items"]!.AsArray().First(i => i!["caseId"]!.GetValue<string>() == forwarded[0])!;
        Assert.Equal(("1-1", "proxy", "window", "qj-window", false), (summary["itemCode"]!.GetValue<string>(), summary["mode"]!.GetValue<string>(),
            summary["channel"]!.GetValue<string>(), summary["receivingUnitId"]!.GetValue<string>(), summary["overdue"]!.GetValue<bool>()));
        Assert.NotNull(summary["caseNumber"]);
        Assert.NotNull(summary["submittedAt"]);
        Assert.Null(summary["applicant"]);
        Assert.Null(summary["outcome"]);

        var nextDay = submittedDay.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(Ids(await supervisor.Get($"/api/v1/cases?from={nextDay}&pageSize=200")).Intersect(forwarded));
        Assert.Empty(Ids(await supervisor.Get($"/api/v1/cases?overdue=true&pageSize=200")).Intersect(forwarded));
        Assert.Empty(Ids(await supervisor.Get($"/api/v1/cases?itemCode=1-6&pageSize=200")).Intersect(forwarded));

        var page = await supervisor.Get("/api/v1/cases?pageSize=1&page=2");
        Expect(page, HttpStatusCode.OK);
        Assert.Single(page.Body!["items"]!.AsArray());
        Assert.True(page.Body["total"]!.GetValue<long>() >= 3);

        // Scoping: the receiving window and the leg's officer see the cases; a window of another unit does not.
        Assert.Superset(forwarded.ToHashSet(), Ids(await window.Get("/api/v1/cases?status=forwarded&itemCode=1-1&pageSize=200")).ToHashSet());
        Assert.Superset(forwarded.ToHashSet(), Ids(await notary.Get("/api/v1/cases?unitId=qj-notary&status=forwarded&itemCode=1-1&pageSize=200")).ToHashSet());
        Assert.Empty(Ids(await otherWindow.Get("/api/v1/cases?pageSize=200")).Intersect(forwarded.Append(withdrawn)));
        Assert.Superset(forwarded.ToHashSet(), Ids(await operatorClient.Get("/api/v1/cases?status=forwarded&itemCode=1-1&pageSize=200")).ToHashSet());
        var foreign = await otherWindow.Get("/api/v1/cases?unitId=qj-window");
        Expect(foreign, HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", foreign.Code);
        using var carrier = node.Client("carrier");
        Expect(await carrier.Get("/api/v1/cases"), HttpStatusCode.Forbidden);
        using var anonymous = node.Client();
        Expect(await anonymous.Get("/api/v1/cases"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=Forwarded", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=20260101", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=x", "pageSize")]
    public async Task Bad_parameters_answer_400_naming_the_parameter(string query, string parameter)
    {
        using var supervisor = node.Client("supervisor");
        var response = await supervisor.Get("/api/v1/cases?" + query);
        Expect(response, HttpStatusCode.BadRequest);
        Assert.Equal("validation-failed", response.Code);
        Assert.NotNull(response.Body!["errors"]![parameter]);
    }
}
