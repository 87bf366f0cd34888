using KuaSheng.Domain.Catalogue;
using KuaSheng.Domain.Units;

namespace KuaSheng.Actors.Reference;

/// <summary>A change to the reference data (catalogue, external units, calendar years). The same records are the
/// commands the operator sends and the events the reference entity persists.</summary>
public abstract record ReferenceChange : IKuaShengMessage;

/// <summary>A new catalogue item (version 1).</summary>
public sealed record ItemAdded(CatalogueItem Item) : ReferenceChange;

/// <summary>A revision: the item's next version; cases already submitted keep theirs.</summary>
public sealed record ItemRevised(CatalogueItem Item) : ReferenceChange;

/// <summary>No new cases for this item; open ones go on.</summary>
public sealed record ItemRetired(string Code) : ReferenceChange;

/// <summary>An external unit (another province's department or window), or a new registration of it.</summary>
public sealed record ExternalUnitRegistered(Unit Unit) : ReferenceChange;

/// <summary>The State Council's calendar for a year, loaded without a release.</summary>
public sealed record CalendarYearLoaded(int Year, IReadOnlyDictionary<DateOnly, string> Holidays, IReadOnlyDictionary<DateOnly, string> Workdays)
    : ReferenceChange;

/// <summary>Apply a change: answered with <see cref="ReferenceChanged"/> or <see cref="ReferenceRefused"/>.</summary>
public sealed record ChangeReference(ReferenceChange Change) : IKuaShengMessage;

public sealed record ReferenceChanged(long Version) : IKuaShengMessage;

public sealed record ReferenceRefused(string Code, string Message) : IKuaShengMessage;

/// <summary>The changes after <paramref name="SinceVersion"/>, for a node's cached copy.</summary>
public sealed record GetReferenceChanges(long SinceVersion) : IKuaShengMessage;

public sealed record ReferenceChanges(long Version, IReadOnlyList<ReferenceChange> Changes) : IKuaShengMessage;
