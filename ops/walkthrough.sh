#!/usr/bin/env bash
# The README walk-through: one proxy case from submission to rating, against a node on 127.0.0.1:5080
# (dotnet run --project src/KuaSheng.Host). Needs curl and jq. Run it once on fresh data: a second run replays
# the same Idempotency-Key (same case) and its later steps answer 409.
set -e
API=http://127.0.0.1:5080/api/v1
token() { curl -s -X POST $API/auth/dev-token -H 'Content-Type: application/json' -d "$1" | jq -r .token; }
OPERATOR=$(token '{"role":"operator"}')
WINDOW=$(token '{"role":"window","unit":"qj-window"}')
CARRIER=$(token '{"role":"carrier"}')

# 1. The operator registers the home unit of the applicant (Tongzi, Guizhou) for item 1-16 (失业保险金申领).
TONGZI=$(curl -s -X POST $API/units -H "Authorization: Bearer $OPERATOR" -H 'Content-Type: application/json' \
  -d '{"name":"桐梓县人力资源和社会保障局","region":"520322","level":"external","kind":"department","items":["1-16"]}' | jq -r .id)
HOME_UNIT=$(token "{\"role\":\"integration\",\"units\":[\"$TONGZI\"]}")
echo "home unit: $TONGZI"

# 2. The Qijiang window receives the application (收件). The Idempotency-Key makes a retry safe.
CASE=$(curl -s -X POST $API/cases -H "Authorization: Bearer $WINDOW" -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: walkthrough-0002' -d '{
    "itemCode": "1-16", "mode": "proxy", "channel": "window", "receivingUnitId": "qj-window",
    "applicant": {"kind": "person", "name": "张三", "idNumber": "520322199003070010", "phone": "13800138000"},
    "materials": [{"name": "失业保险金申领登记表", "original": false}],
    "delivery": {"method": "mail", "address": "贵州省桐梓县娄山关街道1号"}}')
ID=$(echo "$CASE" | jq -r .caseId); NUMBER=$(echo "$CASE" | jq -r .caseNumber); CODE=$(echo "$CASE" | jq -r .queryCode)
echo "$CASE" | jq '{caseId, caseNumber, queryCode, status, legs}'

# 3. Form review and identity verification: when both pass, the case is forwarded to the home unit by itself.
curl -s -X POST $API/cases/$ID/form-review -H "Authorization: Bearer $WINDOW" -H 'Content-Type: application/json' -d '{"passed": true}' | jq -r .status
curl -s -X POST $API/cases/$ID/identity-verification -H "Authorization: Bearer $WINDOW" -H 'Content-Type: application/json' \
  -d '{"method": "face", "passed": true}' | jq -r .status

# 4. The home unit (through its integration) accepts, decides and mails the result.
curl -s -X POST $API/cases/$ID/legs/leg1/acceptance -H "Authorization: Bearer $HOME_UNIT" -H 'Content-Type: application/json' -d '{"accepted": true}' | jq -r .status
curl -s -X POST $API/cases/$ID/legs/leg1/decision -H "Authorization: Bearer $HOME_UNIT" -H 'Content-Type: application/json' \
  -d '{"outcome": "approved", "resultDocument": {"title": "失业保险金核定通知书", "number": "桐人社失〔2026〕1号"}}' | jq -r .status
curl -s -X POST $API/cases/$ID/result-delivery -H "Authorization: Bearer $HOME_UNIT" -H 'Content-Type: application/json' \
  -d '{"method": "mail", "carrier": "EMS", "waybillNumber": "EA123456785CN"}' | jq -r .status

# 5. The carrier reports the parcel signed: the case completes.
curl -s -X POST $API/carrier/events -H "Authorization: Bearer $CARRIER" -H 'Content-Type: application/json' \
  -d '{"waybillNumber": "EA123456785CN", "status": "signed", "at": "2026-12-01T15:30:00+08:00", "signedBy": "张三"}' | jq -c .
sleep 1

# 6. The applicant looks the case up (masked) and rates it, with the case number and query code.
curl -s "$API/public/cases/$NUMBER?queryCode=$CODE" | jq '{status, applicant}'
curl -s -X POST "$API/public/cases/$NUMBER/rating?queryCode=$CODE" -H 'Content-Type: application/json' \
  -d '{"level": "very-satisfied", "channel": "online"}' | jq '{status, rating}'
