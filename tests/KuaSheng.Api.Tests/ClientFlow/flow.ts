// One proxy case (异地代收代办) through a client generated from the served OpenAPI document: openapi-typescript
// writes ./generated/schema.d.ts from /openapi/v1.json, openapi-fetch is the typed client over it. `tsc` checks this
// file against the generated types first, so a renamed or reshaped field that the flow uses fails the type check;
// then the flow runs against a node and checks statuses and fields. Exit code 0 when every step answered as expected.
//
// Item 1-1 (学历公证) for a Qijiang resident, received at the Qijiang window and decided by the district notary office:
// 收件 -> 形式审查 -> 身份核验 (forwarded by itself) -> 原件寄递 (originals mailed, signed) -> 受理 -> 审批决定 ->
// 结果寄递 (mailed; the signature completes the case, signer unknown) -> 办件查询 (masked) -> 好差评.
//
// Environment: KUASHENG_BASE_URL (e.g. http://127.0.0.1:5080), and the bearer tokens KUASHENG_WINDOW_TOKEN (window of
// qj-window), KUASHENG_OFFICER_TOKEN (officer of qj-notary), KUASHENG_CARRIER_TOKEN (carrier). A token not given is
// asked for at POST /api/v1/auth/dev-token (only where the node has dev features on).
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

type CaseView = components["schemas"]["CaseView"];
type SubmitCaseBody = components["schemas"]["SubmitCaseBody"];
type Role = components["schemas"]["DevTokenBody"]["role"];

/** The answer of one call: the status it must have and the typed body of that status. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

class StepFailed extends Error {}

function expect<T>(step: string, status: number, answer: Answer<T>): T {
    const got = answer.response.status;
    if (got !== status) throw new StepFailed(`${step}: expected HTTP ${status}, got ${got} ${JSON.stringify(answer.error ?? answer.data ?? null)}`);
    if (answer.data === undefined) throw new StepFailed(`${step}: HTTP ${got} without a body`);
    console.log(`ok   ${step}: ${got}`);
    return answer.data;
}

function check(step: string, condition: boolean, what: string, actual?: unknown): void {
    if (!condition) throw new StepFailed(`${step}: ${what}${actual === undefined ? "" : ` (got ${JSON.stringify(actual)})`}`);
}

function required(name: string): string {
    const value = process.env[name];
    if (!value) throw new StepFailed(`environment variable ${name} is not set`);
    return value;
}

/** An S10 (UPU) waybill number of China Post, EA........CN, with its check digit (weights 8 6 4 2 3 5 9 7). */
function s10(): string {
    const digits = String(Math.floor(10_000_000 + Math.random() * 89_999_999));
    const sum = [8, 6, 4, 2, 3, 5, 9, 7].reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
    const check = 11 - (sum % 11);
    return `EA${digits}${check === 10 ? 0 : check === 11 ? 5 : check}CN`;
}

async function poll(step: string, read: () => Promise<CaseView>, done: (view: CaseView) => boolean): Promise<CaseView> {
    const until = Date.now() + 20_000;
    for (;;) {
        const view = await read();
        if (done(view)) return view;
        if (Date.now() > until) throw new StepFailed(`${step}: not reached within 20 s (status ${view.status})`);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
}

async function main(): Promise<void> {
    const baseUrl = required("KUASHENG_BASE_URL").replace(/\/+$/, "");
    const anonymous = createClient<paths>({ baseUrl });

    async function token(variable: string, role: Role, unit?: string): Promise<string> {
        const given = process.env[variable];
        if (given) return given;
        const minted = expect(`dev token (${role})`, 200,
            await anonymous.POST("/api/v1/auth/dev-token", { body: unit === undefined ? { role } : { role, unit } }));
        return minted.token;
    }
    const as = async (variable: string, role: Role, unit?: string) =>
        createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${await token(variable, role, unit)}` } });
    const window = await as("KUASHENG_WINDOW_TOKEN", "window", "qj-window");
    const notary = await as("KUASHENG_OFFICER_TOKEN", "officer", "qj-notary");
    const carrier = await as("KUASHENG_CARRIER_TOKEN", "carrier");

    // 收件 at the Qijiang window, with an original to be mailed to the notary office and the result to be mailed back.
    const application: SubmitCaseBody = {
        itemCode: "1-1",
        mode: "proxy",
        channel: "window",
        receivingUnitId: "qj-window",
        applicant: { kind: "person", name: "张三", idNumber: "50011019850612002X", phone: "13800138000" },
        materials: [{ name: "公证申请表", original: false }, { name: "毕业证书原件", original: true }],
        delivery: { method: "mail", address: "重庆市綦江区古南街道文龙路1号" },
    };
    const received = expect("submit (收件)", 201, await window.POST("/api/v1/cases", {
        body: application, headers: { "Idempotency-Key": `client-flow-${crypto.randomUUID()}` },
    }));
    check("submit (收件)", received.status === "received", "status is received", received.status);
    check("submit (收件)", typeof received.queryCode === "string" && received.queryCode.length > 0, "a query code is handed out", received.queryCode);
    const home = received.legs[0];
    check("submit (收件)", home?.unitId === "qj-notary" && home.role === "home", "one home leg at qj-notary", received.legs);
    const caseId = received.caseId, legId = home!.legId, queryCode = received.queryCode!;
    const onCase = { params: { path: { caseId } } };
    const onLeg = { params: { path: { caseId, legId } } };

    const reviewed = expect("form review (形式审查)", 200,
        await window.POST("/api/v1/cases/{caseId}/form-review", { ...onCase, body: { passed: true } }));
    check("form review (形式审查)", reviewed.caseId === caseId, "the same case", reviewed.caseId);
    const verified = expect("identity (身份核验)", 200,
        await window.POST("/api/v1/cases/{caseId}/identity-verification", { ...onCase, body: { method: "face", passed: true } }));
    check("identity (身份核验)", verified.status === "forwarded" && verified.legs[0]?.status === "forwarded",
        "both checks passed: forwarded to the leg", [verified.status, verified.legs[0]?.status]);

    // 原件寄递: the window mails the original, the carrier reports it signed at the notary office.
    const originalsWaybill = s10();
    const mailed = expect("originals mailed (原件寄递)", 200, await window.POST("/api/v1/cases/{caseId}/mailings",
        { ...onCase, body: { purpose: "originals", carrier: "EMS", waybillNumber: originalsWaybill } }));
    check("originals mailed (原件寄递)", mailed.mailings.some((m) => m.waybillNumber === originalsWaybill && m.purpose === "originals"),
        "the mailing is on the case", mailed.mailings);
    const accepted = expect("acceptance (受理)", 200,
        await notary.POST("/api/v1/cases/{caseId}/legs/{legId}/acceptance", { ...onLeg, body: { accepted: true } }));
    check("acceptance (受理)", accepted.status === "accepted", "status is accepted", accepted.status);
    const arrived = expect("originals signed (carrier)", 202, await carrier.POST("/api/v1/carrier/events", {
        body: { waybillNumber: originalsWaybill, status: "signed", at: new Date().toISOString(), signedBy: "綦江区公证处" },
    }));
    check("originals signed (carrier)", arrived.caseId === caseId && !arrived.duplicate, "the event reached the case once", arrived);
    await poll("originals arrive", async () => expect("case (officer)", 200, await notary.GET("/api/v1/cases/{caseId}", onCase)),
        (view) => view.originalsReceived);

    // 审批决定 and 结果寄递: the result is mailed without naming the carrier (the S10 number names China Post).
    const decided = expect("decision (审批决定)", 200, await notary.POST("/api/v1/cases/{caseId}/legs/{legId}/decision", {
        ...onLeg, body: { outcome: "approved", resultDocument: { title: "学历公证书", number: "(2026)渝綦证字第1号" } },
    }));
    check("decision (审批决定)", decided.status === "decided" && decided.outcome === "approved", "decided, approved", [decided.status, decided.outcome]);
    check("decision (审批决定)", decided.legs[0]?.status === "approved" && decided.legs[0].resultDocument?.number === "(2026)渝綦证字第1号",
        "the leg carries the result document", decided.legs[0]);
    const resultWaybill = s10();
    const delivering = expect("result mailed (结果寄递)", 200, await notary.POST("/api/v1/cases/{caseId}/result-delivery",
        { ...onCase, body: { method: "mail", waybillNumber: resultWaybill } }));
    check("result mailed (结果寄递)", delivering.status === "delivering" && delivering.resultDelivery?.method === "mail"
        && delivering.resultDelivery.waybillNumber === resultWaybill, "delivering by mail", [delivering.status, delivering.resultDelivery]);
    const now = Date.now();
    expect("result picked up (carrier)", 202, await carrier.POST("/api/v1/carrier/events",
        { body: { waybillNumber: resultWaybill, status: "picked-up", at: new Date(now).toISOString() } }));
    const signed = expect("result signed, no signer (carrier)", 202, await carrier.POST("/api/v1/carrier/events",
        { body: { waybillNumber: resultWaybill, status: "signed", at: new Date(now + 3_600_000).toISOString() } }));
    check("result signed, no signer (carrier)", signed.caseId === caseId, "the event reached the case", signed);

    const completed = await poll("completed (办结)",
        async () => expect("case (window)", 200, await window.GET("/api/v1/cases/{caseId}", onCase)), (view) => view.status === "completed");
    const result = completed.mailings.find((m) => m.purpose === "result");
    check("completed (办结)", result?.waybillNumber === resultWaybill && result.status === "signed" && result.signedBy == null
        && typeof result.signedAt === "string", "the result mailing is signed, signer unknown", result);

    // 办件查询 and 好差评 by the applicant with the case number and the query code, no token: the view is masked.
    const lookup = { params: { path: { caseNumber: received.caseNumber }, query: { queryCode } } };
    const found = expect("public look-up (办件查询)", 200, await anonymous.GET("/api/v1/public/cases/{caseNumber}", lookup));
    check("public look-up (办件查询)", found.caseId === caseId && found.status === "completed", "the completed case", [found.caseId, found.status]);
    check("public look-up (办件查询)", found.applicant.name === "张*" && found.applicant.idNumber === "500110********002X",
        "the applicant is masked", found.applicant);
    const rated = expect("public rating (好差评)", 200, await anonymous.POST("/api/v1/public/cases/{caseNumber}/rating",
        { ...lookup, body: { level: "very-satisfied" } }));
    check("public rating (好差评)", rated.rating?.level === "very-satisfied" && rated.rating.ratedUnitId === "qj-window",
        "the rating is recorded", rated.rating);

    console.log(`client flow passed: case ${received.caseNumber} (${caseId}) completed and rated`);
}

main().catch((failure: unknown) => {
    console.error(`client flow FAILED: ${failure instanceof StepFailed ? failure.message : failure instanceof Error ? failure.stack : String(failure)}`);
    process.exitCode = 1;
});
