namespace KuaSheng.Domain.Routing;

/// <summary>What a leg does in a case (办理环节的角色).</summary>
public enum LegRole
{
    /// <summary>业务属地部门: reviews the substance and decides.</summary>
    Home,
    /// <summary>初审: a lower level checks first, then hands over.</summary>
    PreliminaryReview,
    /// <summary>复核: the higher level decides after the preliminary review.</summary>
    FinalReview,
    /// <summary>联审: another unit reviews in parallel; its denial denies the case.</summary>
    JointReview,
    /// <summary>转出地 / 迁出地.</summary>
    TransferOut,
    /// <summary>转入地 / 迁入地.</summary>
    TransferIn,
}

/// <summary>How the unit of a leg is chosen when a case is submitted.</summary>
public enum UnitSelector
{
    /// <summary>The unit handling the item whose region best matches the applicant's home region (longest significant prefix).</summary>
    HomeRegion,
    /// <summary>The unit handling the item whose region best matches the case's counterpart region (the other place of a joint item).</summary>
    CounterpartRegion,
    /// <summary>The unit where the applicant is now (所在地 / 居住地 / 出生地, 转入地): the region of the receiving window when it is
    /// one of ours, else the applicant's region (declared, else the ID number's). A transfer-in leg (转入 / 迁入) is always at
    /// the place of application, and there a window of another province counts too: the applicant applies at the in-place.</summary>
    PlaceOfApplication,
    /// <summary>A named unit, whatever the region.</summary>
    Fixed,
}

/// <param name="Order">Legs of the same order run in parallel; a higher order starts when every leg before it is approved.</param>
/// <param name="Candidates">Unit ids that may take the leg (external units registered for the item are added at routing time);
/// for <see cref="UnitSelector.Fixed"/> exactly one.</param>
/// <param name="OnlyWhenHomeIsLocal">Drop this leg when the home leg went to a unit outside Qijiang: two-level and joint
/// reviews are Qijiang/Chongqing procedures, another province runs its own.</param>
public sealed record LegSpec(
    LegRole Role,
    int Order,
    UnitSelector Selector,
    IReadOnlyList<string> Candidates,
    bool OnlyWhenHomeIsLocal = false);

/// <summary>路由方案: the legs a case of this item gets.</summary>
public sealed record RoutingPlan(IReadOnlyList<LegSpec> Legs)
{
    public static RoutingPlan SingleHome(IReadOnlyList<string> candidates, UnitSelector selector = UnitSelector.HomeRegion) =>
        new([new LegSpec(LegRole.Home, 1, selector, candidates)]);
}
