namespace KuaSheng.Actors.Hosting;

// ActorRegistry keys of the shard regions.
public sealed class CaseRegion;
public sealed class UnitRegion;
public sealed class WaybillRegion;
public sealed class ReferenceRegion;
public sealed class TicketRegion;
public sealed class ReferenceFollowerKey;
