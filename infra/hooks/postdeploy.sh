#!/usr/bin/env bash
# azd postdeploy hook (azure.yaml): subscribe BlobCreated events under uploads/ to the IngestUpload blob trigger.
# It runs after the code is deployed because the webhook needs the app's blobs_extension system key, which the
# Functions host creates only once it has started with the blob extension. Idempotent: the subscription is PUT
# (created or replaced) each time, so a rotated key is picked up by re-running `azd deploy` or this script.
# Mirror of postdeploy.ps1: keep the two in step (tests/DanVan.Host.Tests/Deployment checks they agree).
set -euo pipefail

SUBSCRIPTION_NAME="uploads-to-ingest"
FUNCTION_NAME="Host.Functions.IngestUpload"
SUBJECT_PREFIX="/blobServices/default/containers/uploads/blobs/"
API_VERSION="2022-06-15"
KEY_ATTEMPTS="${DANVAN_KEY_ATTEMPTS:-30}"
KEY_DELAY_SECONDS="${DANVAN_KEY_DELAY_SECONDS:-10}"

# A value of the azd environment: azd exports them to hooks; outside azd, ask `azd env get-values`.
env_value() {
  local name="$1" value
  value="${!name:-}"
  if [ -z "$value" ] && command -v azd >/dev/null 2>&1; then
    value="$(azd env get-values 2>/dev/null | sed -n "s/^${name}=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" | head -n 1)"
  fi
  if [ -z "$value" ]; then
    echo "postdeploy: ${name} is not set; run 'azd provision' (or 'azd up') first." >&2
    return 1
  fi
  printf '%s' "$value"
}

command -v az >/dev/null 2>&1 || { echo "postdeploy: the Azure CLI (az) is required." >&2; exit 1; }

resource_group="$(env_value AZURE_RESOURCE_GROUP)"
app="$(env_value AZURE_FUNCTION_APP_NAME)"
app_uri="$(env_value SERVICE_FUNCTIONS_URI)"
storage_id="$(env_value AZURE_STORAGE_ACCOUNT_ID)"
topic_id="$(env_value AZURE_EVENTGRID_SYSTEM_TOPIC_ID)"
dead_letter_container="$(env_value AZURE_EVENTGRID_DEADLETTER_CONTAINER)"

# The key appears once the host has started with the deployed code: wake it, then wait (bounded).
key=""
for attempt in $(seq 1 "$KEY_ATTEMPTS"); do
  if command -v curl >/dev/null 2>&1; then
    curl --silent --output /dev/null --max-time 30 "${app_uri}/" || true
  fi
  key="$(az functionapp keys list --resource-group "$resource_group" --name "$app" \
    --query systemKeys.blobs_extension --output tsv 2>/dev/null || true)"
  if [ -n "$key" ]; then
    break
  fi
  echo "postdeploy: waiting for the blobs_extension key of ${app} (${attempt}/${KEY_ATTEMPTS})..."
  sleep "$KEY_DELAY_SECONDS"
done
if [ -z "$key" ]; then
  echo "postdeploy: no blobs_extension key after ${KEY_ATTEMPTS} attempts: is the code running? Check the app in the portal, then run 'azd hooks run postdeploy'." >&2
  exit 1
fi

# The request body holds the key: a private temporary file, never a command-line argument or a log line.
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
chmod 600 "$body"
cat >"$body" <<JSON
{
  "properties": {
    "destination": {
      "endpointType": "WebHook",
      "properties": { "endpointUrl": "${app_uri}/runtime/webhooks/blobs?functionName=${FUNCTION_NAME}&code=${key}" }
    },
    "filter": {
      "includedEventTypes": ["Microsoft.Storage.BlobCreated"],
      "subjectBeginsWith": "${SUBJECT_PREFIX}"
    },
    "eventDeliverySchema": "EventGridSchema",
    "retryPolicy": { "maxDeliveryAttempts": 30, "eventTimeToLiveInMinutes": 1440 },
    "deadLetterWithResourceIdentity": {
      "identity": { "type": "SystemAssigned" },
      "deadLetterDestination": {
        "endpointType": "StorageBlob",
        "properties": { "resourceId": "${storage_id}", "blobContainerName": "${dead_letter_container}" }
      }
    }
  }
}
JSON

url="https://management.azure.com${topic_id}/eventSubscriptions/${SUBSCRIPTION_NAME}?api-version=${API_VERSION}"
echo "postdeploy: subscribing ${SUBJECT_PREFIX} (BlobCreated) to ${FUNCTION_NAME}..."
az rest --method put --url "$url" --body "@${body}" --headers "Content-Type=application/json" --output none

# Event Grid validates the webhook asynchronously: wait for the outcome (bounded) rather than report success early.
state=""
for attempt in $(seq 1 "$KEY_ATTEMPTS"); do
  state="$(az rest --method get --url "$url" --query properties.provisioningState --output tsv 2>/dev/null || true)"
  case "$state" in
    Succeeded) echo "postdeploy: Event Grid subscription ${SUBSCRIPTION_NAME} is ready."; exit 0 ;;
    Failed|Canceled) echo "postdeploy: Event Grid subscription ${SUBSCRIPTION_NAME} ended ${state} (webhook validation failed?)." >&2; exit 1 ;;
  esac
  echo "postdeploy: subscription ${state:-pending} (${attempt}/${KEY_ATTEMPTS})..."
  sleep "$KEY_DELAY_SECONDS"
done
echo "postdeploy: subscription still '${state}' after ${KEY_ATTEMPTS} checks; look at it in the portal." >&2
exit 1
