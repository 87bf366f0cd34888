using System.Net;
using KuaSheng.Api.Cases;
using KuaSheng.Api.Idempotency;
using KuaSheng.Domain.Access;
using Microsoft.Extensions.DependencyInjection;
using static KuaSheng.Api.Tests.Scenario;

namespace KuaSheng.Api.Tests;

/// <summary>The case keeps the answer of the submission that created it (issue 12: one durable row per command), as it
/// keeps its steps': the case id derives from the caller and the Idempotency-Key, so a repeat reaches the same case, which
/// answers it as the first time (201, Location, query code, the same bytes), also after later steps; another body with
/// the key is 409; a success writes no idempotency record.</summary>
[Collection(ApiCollection.Name)]
public sealed class SubmissionAnswersKeptByTheCaseTests(ApiNode node)
{
    private readonly KeptAnswers _kept = new(node);

    [Fact]
    public async Task A_submission_repeated_after_later_steps_answers_its_first_answer_and_keeps_no_record()
    {
        using var window = _kept.Window("kept-submission-1");
        var key = Guid.NewGuid().ToString();
        var first = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Expect(first, HttpStatusCode.Created);
        var id = first.Text("caseId");
        Expect(await window.Post($"/api/v1/cases/{id}/form-review", new { passed = true }, Guid.NewGuid().ToString()), HttpStatusCode.OK);

        var again = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Raw.Headers.Location, again.Raw.Headers.Location);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Equal("true", again.Raw.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.False(first.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.Null(await _kept.Record("kept-submission-1", key));
    }

    [Fact]
    public async Task The_same_key_with_another_application_is_a_conflict_and_the_first_answer_stays()
    {
        using var window = _kept.Window("kept-submission-2");
        var key = Guid.NewGuid().ToString();
        var first = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Expect(first, HttpStatusCode.Created);

        var other = await window.Post("/api/v1/cases", Application("1-6", QijiangId), key);
        Expect(other, HttpStatusCode.Conflict);
        Assert.Equal("conflict", other.Code);
        Assert.Contains("Idempotency-Key was used with another request", other.Text("detail"));

        var again = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Null(await _kept.Record("kept-submission-2", key));
    }

    [Fact]
    public async Task A_refused_submission_is_kept_as_a_record_and_answered_again()
    {
        using var window = _kept.Window("kept-submission-3");
        var key = Guid.NewGuid().ToString();
        var refused = await window.Post("/api/v1/cases", Application("9-99", QijiangId), key);
        Assert.True((int)refused.Status is >= 400 and < 500, $"{refused.Status}");
        var again = await window.Post("/api/v1/cases", Application("9-99", QijiangId), key);
        Assert.Equal(refused.Status, again.Status);
        Assert.Equal(await KeptAnswers.Bytes(refused), await KeptAnswers.Bytes(again));
        Assert.True(again.Raw.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.NotNull(await _kept.Record("kept-submission-3", key));
    }

    [Fact]
    public async Task A_refusal_of_another_application_with_the_key_does_not_hide_the_first_answer()
    {
        using var window = _kept.Window("kept-submission-4");
        var key = Guid.NewGuid().ToString();
        var first = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Expect(first, HttpStatusCode.Created);
        // Another application with the key, refused before the case is asked (a window submits on channel window): kept as a record.
        var refused = await window.Post("/api/v1/cases", Application("1-1", QijiangId, channel: "online"), key);
        Expect(refused, HttpStatusCode.BadRequest);
        Assert.NotNull(await _kept.Record("kept-submission-4", key));

        // The first application again: the first answer, not a conflict with the refusal's record.
        var again = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Raw.Headers.Location, again.Raw.Headers.Location);
        Assert.Equal(await KeptAnswers.Bytes(first), await KeptAnswers.Bytes(again));
        Assert.Equal("true", again.Raw.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        // The refused application again: its refusal again.
        var refusedAgain = await window.Post("/api/v1/cases", Application("1-1", QijiangId, channel: "online"), key);
        Assert.Equal(HttpStatusCode.BadRequest, refusedAgain.Status);
        Assert.Equal(await KeptAnswers.Bytes(refused), await KeptAnswers.Bytes(refusedAgain));
    }

    [Fact]
    public async Task After_a_kept_refusal_another_application_with_the_key_is_a_conflict_and_creates_no_case()
    {
        using var window = _kept.Window("kept-submission-5");
        var key = Guid.NewGuid().ToString();
        var refused = await window.Post("/api/v1/cases", Application("1-1", QijiangId, channel: "online"), key);
        Expect(refused, HttpStatusCode.BadRequest);

        var other = await window.Post("/api/v1/cases", Application("1-1", QijiangId, original: true), key);
        Expect(other, HttpStatusCode.Conflict);
        Assert.Equal("conflict", other.Code);
        Assert.Contains("Idempotency-Key was used with another request", other.Text("detail"));
        var caseId = node.Services.GetRequiredService<CaseIds>().NewCaseId(new Caller("window", "kept-submission-5", ["qj-window"]), key);
        Expect(await window.Get($"/api/v1/cases/{caseId}"), HttpStatusCode.NotFound);
        // The refusal stays the key's answer.
        var again = await window.Post("/api/v1/cases", Application("1-1", QijiangId, channel: "online"), key);
        Assert.Equal(await KeptAnswers.Bytes(refused), await KeptAnswers.Bytes(again));
    }
}
