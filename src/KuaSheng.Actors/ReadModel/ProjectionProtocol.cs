namespace KuaSheng.Actors.ReadModel;

/// <summary>Registry key of the case projection (a cluster singleton proxy).</summary>
public sealed class CaseProjectionKey;

/// <summary>Registry key of the ticket projection (a cluster singleton proxy).</summary>
public sealed class TicketProjectionKey;

/// <summary>Asks the projection where it stands; answered with <see cref="ProjectionStatus"/>.</summary>
public sealed record GetProjectionStatus : IKuaShengMessage;

/// <summary>
/// Where a projection stands. <paramref name="Offset"/>: journal ordering of the last projected event;
/// <paramref name="LastEventAt"/>: when the journal wrote that event; <paramref name="EventsBehind"/>: tagged events
/// after the offset (counted up to 10,001); <paramref name="Lag"/>: zero when nothing is behind, else now minus <paramref name="LastEventAt"/>
/// (how old the newest projected event is while the projection is catching up).
/// </summary>
public sealed record ProjectionStatus(string Name, long Offset, DateTimeOffset? LastEventAt, long EventsBehind, TimeSpan Lag,
    bool Rebuilding, long EventsProjected) : IKuaShengMessage;

/// <summary>Drops the read model's rows and the offset and projects again from the start of the journal; answered
/// with <see cref="ProjectionRebuildStarted"/> once the tables are empty and the projection runs from zero.</summary>
public sealed record RebuildProjection : IKuaShengMessage;

public sealed record ProjectionRebuildStarted(string Name) : IKuaShengMessage;
