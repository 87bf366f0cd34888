using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>The window's desk follows new cases by itself (htmx polling under the strict CSP), and a failed form review
/// tells the applicant every missing material at once (一次性告知), which the clerk then takes in (补正).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class WindowDeskTests(ConsoleFixture fixture)
{
    private readonly NodeApi _api = new(fixture.Node);

    [Fact]
    public async Task A_case_received_elsewhere_appears_on_the_open_desk_without_reloading()
    {
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        await clerk.Page.GotoOkAsync("/console/window");
        var created = await _api.Post("/cases", _api.Window, new
        {
            itemCode = "1-6", mode = "proxy", channel = "window", receivingUnitId = "qj-window",
            applicant = new { kind = "person", name = "陈三", idNumber = NodeApi.QijiangId, phone = "13800138000" },
            materials = new[] { new { name = "申请表", original = false } },
            delivery = new { method = "pickup" },
        });
        var caseId = created.GetProperty("caseId").GetString()!;
        // No navigation: the list polls every 5 s and swaps itself in.
        await Assertions.Expect(clerk.Page.Locator($"#window-groups tr[data-case='{caseId}']"))
            .ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 20_000 });
        clerk.AssertClean();
    }

    [Fact]
    public async Task A_failed_form_review_names_every_missing_material_and_the_supplement_takes_them_in()
    {
        var created = await _api.Post("/cases", _api.Window, new
        {
            itemCode = "1-6", mode = "proxy", channel = "window", receivingUnitId = "qj-window",
            applicant = new { kind = "person", name = "褚四", idNumber = NodeApi.QijiangId, phone = "13800138000" },
            materials = new[] { new { name = "申请表", original = false } },
            delivery = new { method = "pickup" },
        });
        var caseId = created.GetProperty("caseId").GetString()!;
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        var page = clerk.Page;
        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("input[name=passed][value=false]").First.CheckAsync();
        await page.Locator("#missing").FillAsync("户口簿复印件\n委托书");
        await page.Locator("#do-form-review").ClickAsync();
        await page.WaitForURLAsync("**done=form-review");
        Assert.Equal("supplement-requested", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        Assert.Contains("户口簿复印件、委托书", await page.Locator("#timeline-title ~ div table").InnerTextAsync());

        // The supplement form comes filled with what was missing.
        Assert.Equal("户口簿复印件\n委托书", await page.Locator("#supplement-materials").InputValueAsync());
        await page.Locator("#supplement-materials").EvaluateAsync("t => t.form.requestSubmit()");
        await page.WaitForURLAsync("**done=supplement");
        Assert.Equal("received", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        Assert.Contains("委托书", await page.Locator("#materials-title ~ ul").InnerTextAsync());
        await page.AssertAccessibleAsync("办件详情 (after a supplement)");
        clerk.AssertClean();
    }
}
