using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KuaSheng.Console.Tests;

/// <summary>
/// One case through the pages, each role in a browser of its own: the clerk receives it (routing plan before submitting,
/// receipt with case number and query code), reviews it and checks the applicant's identity; the officer accepts it in
/// 待办 and decides it on the case's page; the clerk hands the result out; the applicant looks it up with the receipt's
/// number and code and rates it. Every page is scanned with axe, and nothing may leave 127.0.0.1.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CaseFlowTests(ConsoleFixture fixture)
{
    private readonly NodeApi _api = new(fixture.Node);

    [Fact]
    public async Task A_case_goes_from_the_window_to_the_officer_back_to_the_window_and_to_the_public()
    {
        var (caseId, number, code) = await ClerkReceives("王五");
        await ClerkReviews(caseId);
        await OfficerAcceptsAndDecides(caseId, number);
        await ClerkHandsOut(caseId);
        await PublicLooksUpAndRates(number, code);
        Assert.Equal("completed", await _api.StatusAsync(caseId));
    }

    private async Task<(string CaseId, string Number, string Code)> ClerkReceives(string name)
    {
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        var page = clerk.Page;
        await page.GotoOkAsync("/console/intake");
        await page.AssertAccessibleAsync("收件登记");

        // The item is found by name as the clerk types (htmx swaps the options in).
        await page.Locator("#item-search").FillAsync("公证");
        await Assertions.Expect(page.Locator("#item-code option[value='1-16']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#item-code option[value='1-1']")).ToHaveCountAsync(1);
        await page.Locator("#item-code").SelectOptionAsync("1-1");
        await page.Locator("#applicant-name").FillAsync(name);
        await page.Locator("#applicant-id").FillAsync(NodeApi.QijiangId);
        await page.Locator("#applicant-phone").FillAsync("13800138000");
        await page.Locator("#material-0").FillAsync("公证申请表");
        await page.Locator("#material-1").FillAsync("学历证书原件");
        await page.Locator("#material-original-1").CheckAsync();

        await page.Locator("#preview").ClickAsync();
        await Expect(page.Locator("#routing-plan [data-unit='qj-notary']"));
        Assert.Contains("区公证处", await page.Locator("#routing-plan").InnerTextAsync());
        await page.AssertAccessibleAsync("收件登记 with its routing plan");
        await page.TakeAsync("1-intake");

        await page.Locator("#submit-application").ClickAsync();
        await page.WaitForURLAsync("**/console/intake/receipt/*");
        var caseId = page.Url.Split('/')[^1];
        var number = (await page.Locator("#receipt-number").InnerTextAsync()).Trim();
        var code = (await page.Locator("#receipt-code").InnerTextAsync()).Trim();
        Assert.Matches("^QJKS[0-9]{8}-[0-9A-F]{16}$", number);
        Assert.Matches("^[0-9]{6}$", code);
        await page.AssertAccessibleAsync("受理回执");
        await page.TakeAsync("1-receipt");
        clerk.AssertClean();
        return (caseId, number, code);
    }

    private async Task ClerkReviews(string caseId)
    {
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        var page = clerk.Page;
        await page.GotoOkAsync("/console/window");
        await Expect(page.Locator($"#window-groups tr[data-case='{caseId}']"));
        await page.AssertAccessibleAsync("窗口工作台");
        await page.TakeAsync("2-window-desk");

        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.AssertAccessibleAsync("办件详情 (window, received)");
        Assert.Contains(NodeApi.QijiangId, await page.Locator("#applicant-id").InnerTextAsync());
        await page.Locator("#do-form-review").ClickAsync();
        await page.WaitForURLAsync("**done=form-review");
        await page.Locator("#do-identity").ClickAsync();
        await page.WaitForURLAsync("**done=identity-verification");
        Assert.Equal("forwarded", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        clerk.AssertClean();
    }

    private async Task OfficerAcceptsAndDecides(string caseId, string number)
    {
        await using var officer = await fixture.SessionAsync();
        await officer.SignInAsync("officer", "qj-notary");
        var page = officer.Page;
        await page.GotoOkAsync("/console/todo");
        // The read model follows within a second; the list polls.
        var row = page.Locator($"#todo-lists section:first-of-type tr[data-case='{caseId}']");
        await Expect(row);
        Assert.Contains(number, await row.InnerTextAsync());
        await page.AssertAccessibleAsync("待办");
        await page.TakeAsync("3-todo");
        await row.Locator("button.accept").ClickAsync();
        await Expect(page.Locator("#todo-lists [role=status]"));
        Assert.Equal("accepted", await _api.StatusAsync(caseId));

        // The original (学历证书) is handed over at the notary's desk: without it no decision.
        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("#do-originals-received").ClickAsync();
        await page.WaitForURLAsync("**done=originals-received");
        await page.Locator("#decision-title-leg1").FillAsync("公证书");
        await page.Locator("#decision-number-leg1").FillAsync("(2026)渝綦证字第7号");
        await page.AssertAccessibleAsync("办件详情 (officer, deciding)");
        await page.TakeAsync("4-case-officer");
        await page.Locator("#do-decide-leg1").ClickAsync();
        await page.WaitForURLAsync("**done=decision");
        Assert.Equal("decided", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        officer.AssertClean();
    }

    private async Task ClerkHandsOut(string caseId)
    {
        await using var clerk = await fixture.SessionAsync();
        await clerk.SignInAsync("window", "qj-window");
        var page = clerk.Page;
        await page.GotoOkAsync($"/console/cases/{caseId}");
        await page.Locator("#delivery-method").SelectOptionAsync("pickup");
        await page.Locator("#do-deliver").ClickAsync();
        await page.WaitForURLAsync("**done=result-delivery");
        await page.Locator("#do-collected").ClickAsync();
        await page.WaitForURLAsync("**done=result-collected");
        Assert.Equal("completed", await page.Locator("#case-status").GetAttributeAsync("data-status"));
        await page.AssertAccessibleAsync("办件详情 (window, completed)");
        await page.TakeAsync("4-case-completed");
        clerk.AssertClean();
    }

    private async Task PublicLooksUpAndRates(string number, string code)
    {
        await using var applicant = await fixture.SessionAsync();
        var page = applicant.Page;
        await page.GotoOkAsync("/console/public");
        await page.Locator("#caseNumber").FillAsync(number);
        await page.Locator("#queryCode").FillAsync(code);
        await page.Locator("#lookup button[type=submit]").ClickAsync();
        await Expect(page.Locator("#public-status"));
        Assert.Equal("completed", await page.Locator("#public-status").GetAttributeAsync("data-status"));
        // Masked: 王*, 500110********xxxx.
        var applicantText = await page.Locator("#public-applicant").InnerTextAsync();
        Assert.Contains("王*", applicantText);
        Assert.DoesNotContain(NodeApi.QijiangId, applicantText);
        Assert.DoesNotContain(code, page.Url);
        await page.AssertAccessibleAsync("公众查询 (result)");
        await page.TakeAsync("10-public");

        await page.Locator("#public-level").SelectOptionAsync("very-satisfied");
        await page.Locator("#public-rate").ClickAsync();
        await Expect(page.Locator("#public-rating"));
        Assert.Equal("非常满意", (await page.Locator("#public-rating").InnerTextAsync()).Trim());
        applicant.AssertClean();
    }

    private static Task Expect(ILocator locator) => locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
