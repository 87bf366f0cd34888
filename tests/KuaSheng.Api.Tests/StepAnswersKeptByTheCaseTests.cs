using System.Net;
using KuaSheng.Api.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The case keeps the answers of its steps (EntityKeepsAnswers): the Idempotency-Key contract holds — the same
/// key with the same request answers the first answer again, byte for byte, also after later steps; with another body,
/// 409 — and a success costs no idempotency record; only refusals are kept as records.</summary>
[Collection(ApiCollection.Name)]
public sealed class StepAnswersKeptByTheCaseTests(ApiNode node)
{
    private readonly KeptAnswers _kept = new(node);

    private static async Task<string> NewCase(ApiClient window)
    {
        var created = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        return created.Text("caseId");
    }

    [Fact]
    public async Task A_step_repeated_after_later_steps_answers_its_first_answer_and_keeps_no_record()
    {
        using var window = _kept.Window("kept-1");
        var id = await NewCase(window);
        var key = Guid.NewGuid().ToString();
        var first = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }, key);
        Expect(first, HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/identity-verification", new { method = "face", passed = true }, Guid.NewGuid().ToString()),
            HttpStatusCode.OK);

        var again = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }, key);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Equal("true", again.Raw.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.False(first.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Null(await _kept.Record("kept-1", key));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict_and_the_first_answer_stays()
    {
        using var window = _kept.Window("kept-2");
        var id = await NewCase(window);
        var key = Guid.NewGuid().ToString();
        var first = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }, key);
        Expect(first, HttpStatusCode.OK);

        var other = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = false, missing = new[] { "户口簿" } }, key);
        Expect(other, HttpStatusCode.Conflict);
        Assert.Equal("conflict", other.Code);
        Assert.Contains("Idempotency-Key was used with another request", other.Text("detail"));

        var again = await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }, key);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Null(await _kept.Record("kept-2", key));
    }

    [Fact]
    public async Task A_refused_step_is_kept_and_answered_again_after_the_case_moved_on()
    {
        using var window = _kept.Window("kept-3");
        var id = await NewCase(window);
        var key = Guid.NewGuid().ToString();
        // A supplement nobody asked for: refused, and nothing changed.
        var supplement = new { materials = new[] { new { name = "户口簿", original = false } } };
        var refused = await window.Post($"/api/v1/cases/{id}/supplement", supplement, key);
        Assert.True((int)refused.Status is >= 400 and < 500, $"{refused.Status}");
        Expect(await window.Post($"/api/v1/cases/{id}/form-review", new { passed = false, missing = new[] { "户口簿" } }, Guid.NewGuid().ToString()),
            HttpStatusCode.OK);

        // The same request with the same key could now be taken, but it is answered as the first time.
        var again = await window.Post($"/api/v1/cases/{id}/supplement", supplement, key);
        Assert.Equal(refused.Status, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(refused), await KeptAnswers.Bytes(again));
        // With a new key it is taken: the refusal was not a state of the case.
        Expect(await window.Post($"/api/v1/cases/{id}/supplement", supplement, Guid.NewGuid().ToString()), HttpStatusCode.OK);
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.NotNull(await _kept.Record("kept-3", key));
    }

    [Fact]
    public async Task A_public_rating_repeated_with_its_key_answers_the_same_and_keeps_no_record()
    {
        using var window = _kept.Window("kept-4");
        using var hrss = node.Client("officer", "qj-hrss");
        using var anyone = node.Client();
        var created = await window.Post("/api/v1/cases", Application("1-6", QijiangId), Guid.NewGuid().ToString());
        Expect(created, HttpStatusCode.Created);
        var id = created.Text("caseId");
        Expect(await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/identity-verification", new { method = "face", passed = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/acceptance", new { accepted = true }), HttpStatusCode.OK);
        Expect(await hrss.Post($"/api/v1/cases/{id}/legs/leg1/decision",
            new { outcome = "approved", resultDocument = new { title = "证明", number = "QJ-1" } }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-delivery", new { method = "pickup" }), HttpStatusCode.OK);
        Expect(await window.Post($"/api/v1/cases/{id}/result-collected"), HttpStatusCode.OK);

        var path = $"/api/v1/public/cases/{created.Text("caseNumber")}/rating?queryCode={created.Text("queryCode")}";
        var key = Guid.NewGuid().ToString();
        var first = await anyone.Post(path, new { level = "satisfied", channel = "online" }, key);
        Expect(first, HttpStatusCode.OK);
        var again = await anyone.Post(path, new { level = "satisfied", channel = "online" }, key);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Null(await node.Services.GetRequiredService<IdempotencyStore>().FindAsync($"anonymous:{path[..path.IndexOf('?')]}", key));
        // Another rating (a new key) is refused: the case was rated once.
        Expect(await anyone.Post(path, new { level = "very-satisfied" }, Guid.NewGuid().ToString()), HttpStatusCode.Conflict);
    }

    /// <summary>A case whose window asked for a supplement (补正): a supplement can be taken.</summary>
    private static async Task<string> CaseAwaitingSupplement(ApiClient window)
    {
        var id = await NewCase(window);
        Expect(await window.Post($"/api/v1/cases/{id}/form-review", new { passed = false, missing = new[] { "户口簿" } }, Guid.NewGuid().ToString()),
            HttpStatusCode.OK);
        return id;
    }

    private static readonly object Supplement = new { materials = new[] { new { name = "户口簿", original = false } } };

    /// <summary>Refused before the case is asked (a material that is not an object), and kept as a record.</summary>
    private static readonly object NullMaterial = new { materials = new object?[] { null } };

    [Fact]
    public async Task A_refusal_of_another_body_with_the_key_does_not_hide_the_first_answer()
    {
        using var window = _kept.Window("kept-5");
        var id = await CaseAwaitingSupplement(window);
        var key = Guid.NewGuid().ToString();
        var first = await window.Post($"/api/v1/cases/{id}/supplement", Supplement, key);
        Expect(first, HttpStatusCode.OK);
        var refused = await window.Post($"/api/v1/cases/{id}/supplement", NullMaterial, key);
        Expect(refused, HttpStatusCode.BadRequest);
        Assert.NotNull(await _kept.Record("kept-5", key));

        // The first body again: the first answer, not a conflict with the refusal's record.
        var again = await window.Post($"/api/v1/cases/{id}/supplement", Supplement, key);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Equal("true", again.Raw.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        // The refused body again: its refusal again; a third body with the key: a conflict.
        var refusedAgain = await window.Post($"/api/v1/cases/{id}/supplement", NullMaterial, key);
        Assert.Equal(await KeptAnswers.Bytes(refused), await KeptAnswers.Bytes(refusedAgain));
        var third = await window.Post($"/api/v1/cases/{id}/supplement", new { materials = new[] { new { name = "身份证", original = true } } }, key);
        Expect(third, HttpStatusCode.Conflict);
        Assert.Contains("Idempotency-Key was used with another request", third.Text("detail"));
    }

    [Fact]
    public async Task After_a_kept_refusal_another_body_with_the_key_is_a_conflict_and_changes_nothing()
    {
        using var window = _kept.Window("kept-6");
        var id = await CaseAwaitingSupplement(window);
        var key = Guid.NewGuid().ToString();
        var refused = await window.Post($"/api/v1/cases/{id}/supplement", NullMaterial, key);
        Expect(refused, HttpStatusCode.BadRequest);
        var before = await window.Get($"/api/v1/cases/{id}");

        var other = await window.Post($"/api/v1/cases/{id}/supplement", Supplement, key);
        Expect(other, HttpStatusCode.Conflict);
        Assert.Equal("conflict", other.Code);
        Assert.Contains("Idempotency-Key was used with another request", other.Text("detail"));
        var after = await window.Get($"/api/v1/cases/{id}");
        Assert.Equal(before.Body!.ToJsonString(), after.Body!.ToJsonString());
    }
}
