using System.Text.RegularExpressions;
using KuaSheng.Actors.ReadModel;
using KuaSheng.Api.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>集群 (screen 9): the operator sees this node up and leading, its shards and the projections, refreshed by
/// htmx; a rebuild goes through a confirmation; a supervisor reads but may not act; a window may not look.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ClusterScreenTests(ConsoleFixture fixture)
{
    private const string Path = "/console/cluster";

    [Fact]
    public async Task The_operator_sees_the_node_up_and_leading_with_its_shards_and_projections()
    {
        await new ApiCases(fixture.Node).ReceiveAsync(); // a case, so that a case shard runs whichever test ran before
        await using var session = await fixture.SessionAsync();
        await session.SignInAsync("operator");
        var page = session.Page;
        await page.AssertInNavigationAsync(Path);
        await page.GotoOkAsync(Path);

        var self = page.Locator("#members tr[data-self=true]");
        Assert.Equal(1, await self.CountAsync());
        Assert.Equal("up", await self.Locator("td[data-status]").GetAttributeAsync("data-status"));
        Assert.Equal("true", await self.GetAttributeAsync("data-leader"));
        var address = await self.GetAttributeAsync("data-address");
        Assert.Matches(@"^akka\.tcp://kuasheng@[^:]+:\d+$", address!);
        Assert.Contains(address!, await page.Locator("#leader").InnerTextAsync());
        Assert.Contains("可达", (await self.CellsAsync())[3]);

        // Shards: at least the case region, all on this node.
        var caseShards = page.Locator("#shards tr[data-type=case]");
        Assert.True(await caseShards.CountAsync() >= 1);
        Assert.Equal(address, await caseShards.First.GetAttributeAsync("data-node"));
        Assert.Equal(1, await page.Locator($"#projections tr[data-projection='{CaseReadModelStore.ProjectionName}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#projections tr[data-projection='{TicketReadModelStore.ProjectionName}']").CountAsync());

        // htmx polls the status part and swaps it in; the table is still there afterwards.
        var poll = await page.RunAndWaitForResponseAsync(() => Task.CompletedTask,
            r => r.Url.Contains("/console/cluster?handler=status", StringComparison.Ordinal), new() { Timeout = 30_000 });
        Assert.Equal(200, poll.Status);
        Assert.DoesNotContain("<html", await poll.TextAsync());
        await page.Locator("#members tr[data-self=true]").WaitForAsync();

        await page.AssertAccessibleAsync("cluster");
        await page.ScreenshotAsync("cluster");

        // Leave asks first; cancelling does nothing.
        await self.Locator("a.leave").ClickAsync();
        await page.Locator("#confirm").WaitForAsync();
        Assert.Contains(address!, await page.Locator("#confirm-question").InnerTextAsync());
        await page.AssertAccessibleAsync("cluster (confirmation)");
        await page.Locator("#confirm a[role=button]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(Path, StringComparison.Ordinal));
        Assert.Equal("up", await page.Locator("#members tr[data-self=true] td[data-status]").GetAttributeAsync("data-status"));

        // Rebuild of the tickets' projection: confirmed by a POST form with the anti-forgery token.
        await page.Locator($"#projections tr[data-projection='{TicketReadModelStore.ProjectionName}'] a.rebuild").ClickAsync();
        var form = page.Locator("#confirm form");
        Assert.Equal(1, await form.Locator("input[name=__RequestVerificationToken]").CountAsync());
        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex("requested=rebuild"));
        Assert.Contains(TicketReadModelStore.ProjectionName, await page.Locator("#requested").InnerTextAsync());
        // Audited as the admin API's rebuild is: who, what, the outcome.
        var record = await AuditedAsync($"rebuild {TicketReadModelStore.ProjectionName}", 302);
        Assert.Equal("operator", record.Role);
        session.AssertClean();
    }

    /// <summary>The audit record of a console action (written off the request path: waited for, bounded).</summary>
    private async Task<AuditRecordView> AuditedAsync(string target, int status)
    {
        var trail = fixture.Node.Services.GetRequiredService<AuditTrail>();
        for (var tries = 0; ; tries++)
        {
            var page = await trail.QueryAsync(new AuditQuery(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), null, 500, null),
                CancellationToken.None);
            if (page.Items.FirstOrDefault(r => r.Target == target && r.Status == status) is { } found) return found;
            Assert.True(tries < 100, $"no audit record of {target} with status {status}: {string.Join("; ", page.Items.Select(r => $"{r.Target} {r.Status}"))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_supervisor_reads_the_cluster_but_may_not_act_and_a_window_may_not_look()
    {
        await using (var session = await fixture.SessionAsync())
        {
            await session.SignInAsync("supervisor");
            var page = session.Page;
            await page.GotoOkAsync(Path);
            Assert.Equal(1, await page.Locator("#members tr[data-self=true]").CountAsync());
            Assert.Equal(0, await page.Locator("a.leave, a.down, a.rebuild").CountAsync());
            var address = await page.Locator("#members tr[data-self=true]").GetAttributeAsync("data-address");
            // The confirmation is not offered, and a POST with a valid anti-forgery token is refused (403), as the API's.
            await page.GotoOkAsync(Path + "?confirm=down&target=" + Uri.EscapeDataString(address!));
            Assert.Equal(0, await page.Locator("#confirm").CountAsync());
            var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
            var answer = await page.APIRequest.PostAsync(Path + "?handler=Down", new()
            {
                Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("Target", address!),
            });
            Assert.Equal(403, answer.Status);
            Assert.Equal("supervisor", (await AuditedAsync($"down {address}", 403)).Role);
            await page.GotoOkAsync(Path);
            Assert.Equal("up", await page.Locator("#members tr[data-self=true] td[data-status]").GetAttributeAsync("data-status"));
            session.AssertClean();
        }
        await using (var session = await fixture.SessionAsync())
        {
            await session.SignInAsync("window", ApiCases.Window);
            await session.Page.AssertRefusedAsync(Path, "集群");
            session.AssertClean();
        }
    }
}
