using KuaSheng.Actors.Time;

namespace KuaSheng.Actors.Units;

public sealed record UnitActorSettings(IClock Clock, TimeSpan DeadlineCheckInterval, TimeSpan MissRetryAfter, int SnapshotEvery);
