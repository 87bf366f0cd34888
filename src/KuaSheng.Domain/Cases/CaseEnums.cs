namespace KuaSheng.Domain.Cases;

/// <summary>办件状态. The API spells them kebab-case (supplement-requested, not-accepted).</summary>
public enum CaseStatus
{
    /// <summary>收件: received, form review and identity verification pending.</summary>
    Received,
    /// <summary>补正: materials missing, the applicant was told all of them at once; clock paused.</summary>
    SupplementRequested,
    /// <summary>不予受理 (terminal).</summary>
    NotAccepted,
    /// <summary>推送: the current legs were sent to their units.</summary>
    Forwarded,
    /// <summary>受理: every current leg was accepted.</summary>
    Accepted,
    /// <summary>退回: a unit returned its leg; the window may supplement and re-forward.</summary>
    Returned,
    /// <summary>特别程序: hearing, testing, expert review; clock paused.</summary>
    Suspended,
    /// <summary>审批决定: the plan is complete (approved) or a leg denied it.</summary>
    Decided,
    /// <summary>送达中: the result is on its way.</summary>
    Delivering,
    /// <summary>办结 (terminal but for rating and rectification).</summary>
    Completed,
    /// <summary>撤回 (terminal).</summary>
    Withdrawn,
}

public enum LegStatus { Pending, Forwarded, Accepted, Returned, Approved, Denied }

public enum Channel { Window, Online, Integration }

public enum ApplicantKind { Person, Organization }

public enum DecisionOutcome { Approved, Denied }

/// <summary>送达方式.</summary>
public enum DeliveryMethod { Mail, Electronic, Pickup }

public enum MailingPurpose { Originals, Result }

/// <summary>Carrier tracking states, in the order a parcel normally passes them.</summary>
public enum CarrierStatus { Registered, PickedUp, InTransit, OutForDelivery, Signed, Returned, Lost }

/// <summary>身份核验 method.</summary>
public enum IdentityMethod { Face, Document, Esign }

/// <summary>Special procedures (特别程序).</summary>
public enum SuspensionKind
{
    /// <summary>延长审批: an approved extension of the decision time limit.</summary>
    Extension,
    /// <summary>Hearing, testing, expert review…: the clock stops (行政许可法 art. 45).</summary>
    Other,
}

/// <summary>好差评 levels, by name (GB/T 39046 codes them 1-5 in this order; other systems reverse it).</summary>
public enum RatingLevel { VerySatisfied, Satisfied, BasicallySatisfied, Dissatisfied, VeryDissatisfied }

public static class RatingLevels
{
    /// <summary>差评: needs a comment and opens a rectification.</summary>
    public static bool IsBad(this RatingLevel level) => level is RatingLevel.Dissatisfied or RatingLevel.VeryDissatisfied;

    /// <summary>GB/T 39046 code: 1 = 非常满意 … 5 = 非常不满意.</summary>
    public static int GbCode(this RatingLevel level) => (int)level + 1;
}

public static class CaseStatuses
{
    public static bool IsTerminal(this CaseStatus s) => s is CaseStatus.NotAccepted or CaseStatus.Withdrawn or CaseStatus.Completed;

    /// <summary>Before a decision the applicant may still withdraw.</summary>
    public static bool IsBeforeDecision(this CaseStatus s) => s is CaseStatus.Received or CaseStatus.SupplementRequested
        or CaseStatus.Forwarded or CaseStatus.Accepted or CaseStatus.Returned or CaseStatus.Suspended;
}
