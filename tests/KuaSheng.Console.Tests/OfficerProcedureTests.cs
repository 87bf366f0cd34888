using System.Text.Json;

namespace KuaSheng.Console.Tests;

/// <summary>The officer's other steps on the case's page: a special procedure (计时暂停) and its end, an extension
/// (延长审批), a return with its reason; and the rectification (整改) of a bad rating by the rated unit.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OfficerProcedureTests(ConsoleFixture fixture)
{
    private readonly NodeApi _api = new(fixture.Node);

    [Fact]
    public async Task An_officer_suspends_resumes_and_extends_a_leg_on_the_cases_page()
    {
        var (caseId, _, _) = await _api.ForwardedNotaryCaseAsync("吴十");
        await _api.Post($"/cases/{caseId}/legs/leg1/acceptance", _api.Notary, new { accepted = true });
        await using var officer = await fixture.SessionAsync();
        await officer.SignInAsync("officer", "qj-notary");
        var page = officer.Page;

        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("#suspension-kind").SelectOptionAsync("other");
        await page.Locator("#suspension-reason").FillAsync("需要专家评审");
        await page.Locator("#suspension-reason").PressAsync("Enter");
        await page.WaitForURLAsync("**done=suspension");
        Assert.Equal("suspended", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        await page.AssertAccessibleAsync("办件详情 (suspended)");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "结束特别程序" }).ClickAsync();
        await page.WaitForURLAsync("**done=resumption");
        Assert.Equal("accepted", await page.Locator("#case-status").GetAttributeAsync("data-status"));

        await page.Locator("#suspension-kind").SelectOptionAsync("extension");
        await page.Locator("#suspension-reason").FillAsync("情况复杂");
        await page.Locator("#suspension-days").FillAsync("5");
        await page.Locator("#suspension-reason").PressAsync("Enter");
        await page.WaitForURLAsync("**done=suspension");
        var timeline = await page.Locator("#timeline-title ~ div table").InnerTextAsync();
        Assert.Contains("特别程序开始", timeline);
        Assert.Contains("延长审批", timeline);
        officer.AssertClean();
    }

    [Fact]
    public async Task An_officer_returns_a_leg_with_its_reason()
    {
        var (caseId, _, _) = await _api.ForwardedNotaryCaseAsync("郑一");
        await using var officer = await fixture.SessionAsync();
        await officer.SignInAsync("officer", "qj-notary");
        var page = officer.Page;
        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("#return-reason-leg1").FillAsync("材料与事项不符");
        await page.Locator("#return-reason-leg1").PressAsync("Enter");
        await page.WaitForURLAsync("**done=acceptance");
        Assert.Equal("returned", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        Assert.Contains("材料与事项不符", await page.Locator("#legs-title ~ div table").InnerTextAsync());
        officer.AssertClean();
    }

    [Fact]
    public async Task The_rated_unit_records_the_rectification_of_a_bad_rating()
    {
        var (caseId, number, code) = await _api.ForwardedNotaryCaseAsync("冯二");
        await _api.Post($"/cases/{caseId}/legs/leg1/acceptance", _api.Notary, new { accepted = true });
        await _api.Post($"/cases/{caseId}/originals-received", _api.Notary);
        await _api.Post($"/cases/{caseId}/legs/leg1/decision", _api.Notary,
            new { outcome = "approved", resultDocument = new { title = "公证书", number = "(2026)渝綦证字第9号" } });
        await _api.Post($"/cases/{caseId}/result-delivery", _api.Window, new { method = "pickup" });
        await _api.Post($"/cases/{caseId}/result-collected", _api.Window);
        using (var client = new HttpClient { BaseAddress = new Uri(fixture.Node.BaseUrl) })
        {
            var rated = await client.PostAsync($"/api/v1/public/cases/{number}/rating?queryCode={code}",
                new StringContent(JsonSerializer.Serialize(new { level = "dissatisfied", comment = "等待时间太长" }), System.Text.Encoding.UTF8, "application/json"));
            Assert.True(rated.IsSuccessStatusCode, await rated.Content.ReadAsStringAsync());
        }
        var unit = (await _api.Get($"/cases/{caseId}", fixture.Node.Token("supervisor"))).GetProperty("rectification").GetProperty("unitId").GetString()!;

        await using var rated2 = await fixture.SessionAsync();
        await rated2.SignInAsync(unit == "qj-window" ? "window" : "officer", unit);
        var page = rated2.Page;
        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("#rectification-note").FillAsync("已增加窗口人员，缩短等候时间");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "记录整改" }).ClickAsync();
        await page.WaitForURLAsync("**done=rectification");
        Assert.Contains("已增加窗口人员", await page.Locator("#rating-title ~ p").Last.InnerTextAsync());
        await page.AssertAccessibleAsync("办件详情 (rectified)");
        rated2.AssertClean();
    }
}
