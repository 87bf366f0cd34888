namespace KuaSheng.Domain.Deadlines;

/// <summary>
/// Time limits in working days. Defaults follow 行政许可法 where it names a figure; the rest are local settings
/// (DOMAIN.md, "Time limits"). Per item, the promised days (承诺时限) replace <see cref="DecisionMax"/>.
/// </summary>
public sealed record TimeLimits
{
    /// <summary>补正告知: all missing materials at once, within 5 days of receipt (art. 32).</summary>
    public int SupplementNotice { get; init; } = 5;
    /// <summary>Forwarding to the home unit once checks pass (local practice).</summary>
    public int Forwarding { get; init; } = 1;
    /// <summary>Mail-out of originals after forwarding (local practice).</summary>
    public int OriginalsMailing { get; init; } = 1;
    /// <summary>受理 by the home unit after the forward arrives (setting).</summary>
    public int Acceptance { get; init; } = 2;
    /// <summary>Upper bound of a decision (art. 42); the item's promised days are at most this.</summary>
    public int DecisionMax { get; init; } = 20;
    /// <summary>延长审批: at most this many more days (art. 42).</summary>
    public int Extension { get; init; } = 10;
    /// <summary>联合办理: decision within 45 days (art. 42).</summary>
    public int JointDecisionMax { get; init; } = 45;
    /// <summary>联合办理 extension (art. 42).</summary>
    public int JointExtension { get; init; } = 15;
    /// <summary>初审 by a lower level (art. 43).</summary>
    public int PreliminaryReview { get; init; } = 20;
    /// <summary>送达 after the decision (art. 44).</summary>
    public int Delivery { get; init; } = 10;
    /// <summary>差评整改 (setting; local rules vary 5-15).</summary>
    public int Rectification { get; init; } = 15;
    /// <summary>Reply to a consultation, complaint or suggestion (setting).</summary>
    public int TicketReply { get; init; } = 5;

    /// <summary>The decision limit of art. 42: <see cref="JointDecisionMax"/> for joint handling, else <see cref="DecisionMax"/>.</summary>
    public int DecisionMaxFor(bool joint) => joint ? JointDecisionMax : DecisionMax;

    public static readonly TimeLimits Default = new();
}
