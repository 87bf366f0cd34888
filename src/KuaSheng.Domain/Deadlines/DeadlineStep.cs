namespace KuaSheng.Domain.Deadlines;

/// <summary>The steps that carry a deadline (时限).</summary>
public enum DeadlineStep
{
    /// <summary>补正告知 / form review after receipt.</summary>
    FormReview,
    /// <summary>推送 after the checks passed.</summary>
    Forwarding,
    /// <summary>原件寄出.</summary>
    OriginalsMailing,
    /// <summary>受理 of a leg.</summary>
    Acceptance,
    /// <summary>审批决定 of a leg (初审 for a preliminary leg).</summary>
    Decision,
    /// <summary>送达 of the result.</summary>
    Delivery,
    /// <summary>差评整改.</summary>
    Rectification,
}
