using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using KuaSheng.Actors.Hosting;
using KuaSheng.Actors.Units;
using KuaSheng.Api.Cases;
using KuaSheng.Domain.Calendar;
using KuaSheng.Domain.Cases;

namespace KuaSheng.Api.Calendar;

/// <param name="DeadlinesMoved">Open deadlines whose due day changed.</param>
/// <param name="CasesNotRecounted">Cases that did not answer (journal or cluster busy): loading the year again counts them
/// (a recount that was done already moves nothing).</param>
public sealed record RecountOutcome(int DeadlinesMoved, IReadOnlyList<string> CasesNotRecounted);

/// <summary>
/// After a calendar year was loaded: finds the cases with open deadlines that may run into it (from the units, which
/// keep the deadline timers) and has each case count them again (<see cref="RecountDeadlines"/>, a rule of the domain:
/// <c>DeadlineRecount</c>). Each case records what moved as an event; its units' timers, the worklists and the overdue
/// lists follow from it.
/// </summary>
public sealed class DeadlineRecountRunner(IRequiredActor<UnitRegion> units, CaseGateway cases)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <returns>Null when a unit did not answer: its deadlines are unknown, so the recount is not complete.</returns>
    public async Task<RecountOutcome?> RunAsync(YearCalendar year, long version, IEnumerable<string> unitIds, CommandActor by, CancellationToken ct)
    {
        var region = await units.GetAsync(ct);
        var firstDay = new DateOnly(year.Year, 1, 1);
        var dueBefore = new ConcurrentDictionary<(string CaseId, string DeadlineId), DateOnly>();
        try
        {
            await Parallel.ForEachAsync(unitIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (unitId, token) =>
            {
                var worklist = await region.Ask<Worklist>(new GetWorklist(unitId), AskTimeout, token);
                foreach (var d in worklist.Deadlines.Where(d => !d.Missed && d.Due >= firstDay))
                    dueBefore[(d.CaseId, d.DeadlineId)] = d.Due;
            });
        }
        catch (AskTimeoutException)
        {
            return null;
        }

        int moved = 0;
        var notRecounted = new ConcurrentBag<string>();
        var command = new RecountDeadlines(year.Year, year.Holidays, year.Workdays, by);
        var caseIds = dueBefore.Keys.Select(k => k.CaseId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(caseIds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (caseId, token) =>
        {
            // One command id per load: a repeated request is answered, not applied again.
            var answer = await cases.Send(caseId, $"calendar:{year.Year}:{version}", command, token);
            if (answer.State is not { } state)
            {
                notRecounted.Add(caseId);
                return;
            }
            int changed = state.Deadlines.Count(d => dueBefore.TryGetValue((caseId, d.DeadlineId), out var due) && due != d.Due);
            Interlocked.Add(ref moved, changed);
        });
        return new RecountOutcome(moved, notRecounted.Order(StringComparer.Ordinal).ToList());
    }
}
