using Akka.Actor;
using Akka.Persistence;
using KuaSheng.Actors.Persistence;
using KuaSheng.Domain;

namespace KuaSheng.Actors.Reference;

/// <summary>
/// The reference data of the whole cluster (persistence id <c>reference-{id}</c>, one entity): catalogue versions,
/// external units, loaded calendar years. It starts from the embedded data and persists only changes; nodes keep a
/// cached copy (<see cref="ReferenceDataStore"/>) and follow it by version.
/// </summary>
public sealed class ReferenceActor : MeteredPersistentActor
{
    private readonly string _id;
    private readonly List<ReferenceChange> _changes = [];
    private ReferenceData _data;

    public ReferenceActor(string id, ReferenceData initial) : base("reference")
    {
        _id = id;
        _data = initial;

        Recover<ReferenceChange>(change =>
        {
            // A change that no longer applies (e.g. embedded data changed under it) is skipped, not fatal.
            var (next, _) = ReferenceFold.Apply(_data, change);
            _data = next ?? _data;
            _changes.Add(change);
        });

        Command<ChangeReference>(c =>
        {
            var (next, refusal) = ReferenceFold.Apply(_data, c.Change);
            if (next is null)
            {
                Sender.Tell(new ReferenceRefused(refusal!.Code, refusal.Message));
                return;
            }
            var replyTo = Sender;
            PersistMeasured(c.Change, change =>
            {
                _data = next;
                _changes.Add(change);
                replyTo.Tell(new ReferenceChanged(_changes.Count));
            });
        });
        Command<GetReferenceChanges>(g => Sender.Tell(new ReferenceChanges(_changes.Count,
            g.SinceVersion >= _changes.Count ? [] : _changes.Skip((int)Math.Max(0, g.SinceVersion)).ToList())));
    }

    public override string PersistenceId => $"reference-{_id}";
}
