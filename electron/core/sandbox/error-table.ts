/**
 * TikTok's documented error codes and their exact messages, copied from the reference: the `error_code_list` of every
 * api/AREA/ENDPOINT.spec.json and the tables of guides/common-errors.md (36009004's variants are in CREDENTIAL_MESSAGES).
 * Where endpoints document different wording for one code, MESSAGE_BY_API holds each endpoint's own wording
 * (keys are the spec files' names, which are also the sandbox's API names). Messages keep the reference's trailing
 * spaces: a client that compares them must not trip on them.
 */

/** code -> message, from guides/common-errors.md. */
const GUIDE: Record<number, string> = {
  36009002: "Too many requests. You've made too many requests in a short period of time.",
  36009007: 'Request timeout. The request to the endpoint timed out.',
  36009009: 'Invalid path. The specified path does not match any available endpoint.',
  36009010: 'Invalid method. The HTTP method used is not supported by this endpoint.',
  36009021: 'Invalid file size. The uploaded file size exceeds the maximum limit.',
  36009022:
    'Invalid request format. The request body format must be application/json for structured data or multipart/form-data for binary files.',
  36009023: 'Invalid request format. The value of the content-type header must be multipart/form-data.',
  101000: 'Invalid query or header. The category_asset_cipher query parameter or x-tts-access-token header is invalid.',
  105005:
    'Access denied. The app is not authorized to access the endpoint because the access scopes granted for the app or the access token do not contain the required access scope for the endpoint.',
  36009033: 'Access denied. Your IP address is not in the IP allow list configured for this app.',
  105002: 'Expired credentials. The access_token or x-tts-access-token header has expired.',
  106001: 'Invalid credentials. The sign query parameter is invalid.',
  106013: 'Missing identifier. The shop_cipher query parameter is required to identify the target shop.',
};

/** code -> message, from the spec files (the most widely used wording where endpoints differ). */
const SPEC: Record<number, string> = {
  36009003:
    'Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.',
  11006013:
    'Failed to ship package. Products under the Phones & Tablets category cannot be shipped together with other items in the same package. Please split the order. ',
  11006014:
    'Failed to ship package. If you are shipping multiple products under the Phones & Tablets category, they must be shipped in individual packages. Please split the order to continue.',
  11021009:
    'No available shipping services for this request. Please modify the package weight or check the recipient address. If the error persists, please contact the platform for assistance.',
  11021010:
    'The shipment failed due to an invalid postal code. Please ask the buyer to edit the address. If the address cannot be changed, you may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021011:
    'Fail to ship package because the product name is invalid. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021012: 'illegal address',
  11021013:
    'The shipment failed because the delivery address is too long. Please ask the buyer to shorten the address. If the address cannot be changed, you may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021014: 'product oversize',
  11021015:
    'Fail to ship package because the package is overweight. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021016:
    'Fail to ship package because the weight of the SKU exceeds the allowed limit. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021017:
    'Fail to ship package because the SKU dimensions exceed the allowed limits. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021018: 'Fail to ship package because the number of items in the package exceeds the allowed limit.',
  11021019:
    'Fail to ship package because the package dimensions exceed the allowed limits. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021020:
    "Fail to ship package because the package's circumference exceeds the allowed limit. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.",
  11021021:
    'Fail to ship package because the SKU name is invalid. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021022:
    'Fail to ship package because the longest dimension of the package exceeds the allowed limit. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021023:
    'Fail to ship package because the buyer and/or seller addresses are invalid. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021024:
    'Fail to ship package because the buyer recipient address is invalid. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11021025:
    'Fail to ship package because the seller shipping address is invalid. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  11028006: 'This tracking number cannot be matched to any carrier, please check the tracking number and upload again.',
  21001003: 'System timeout. If the error persists, please contact the platform for assistance.',
  21001011: 'System process error, please try again later.',
  21004006: 'Failed to ship. Please ensure an invoice is uploaded before shipping.',
  21008044: 'Package item has after-sale request, please process the after-sale request first.',
  21011003: 'fulfill_unit action not allowed',
  21011007: 'Package item has after-sale request, please process the after-sale request first.',
  21011008: 'Package is not complete. If the error persists, please contact the platform for assistance.',
  21011020: 'These orders are already shipped.',
  21011022: 'Invalid tracking number or provider ID. Please double check and try again.',
  21011025: 'Duplicate tracking number. ',
  21011027: 'Package has already been delivered.',
  21011028: 'The package does not belong to the current shop.   ',
  21011040: 'Package has already been shipped.',
  21011041: 'Cannot complete the operation when order is cancelled. ',
  21011053: 'Fail to ship package because the shipment time is outside of the pick-up time slot.',
  21011054:
    'No available shipping services for this request due to missing pick-up time slot. Please contact customer service for assistance.',
  21014009:
    'Failed to ship. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  21011031: 'Order does not belong to pre_pkg. Please ensure you are providing the correct order ID(s).',
  11001002: 'invalid param.',
  11001027: 'System timeout. If this error persists, please contact the platform for assistance.',
  11003011: 'Shipping service operation conflict error, please double check the shipping service ID.',
  11050001: 'invalid param',
  21001001: 'Invalid parameters. Please ensure you are passing the correct request parameter(s).',
  21004008: 'create label shipping service not found',
  21004010: 'Your country does not support the use of this feature.',
  21008025: 'Seller cannot operate orders which are fulfilled by platform',
  21008042: 'seller already print shipping label',
  21008106: 'This interface cannot be used in this region.',
  21011006: 'These orders are already shipped.',
  21011012: 'not match trade rule',
  21011029: 'order does not belong to fulfill unit',
  21011033: 'order already combined',
  21011035: 'split order not allowed',
  21011037:
    'There are no available shipping services for this request. Please modify the package weight, or double check the recipient address. If after multiple retries you continue to experience this error, please contact the platform for assistance.',
  21011046: 'Order has combine, not allow split order',
  21011048: 'There are multiple packages that can be shipped, please specify the order line that needs to be shipped.',
  21022025: 'A shipping label has already been purchased.',
  21022026: 'Cannot purchase shipping label, please try again later.',
  21022029: 'System process error, please try again later.',
  21030005: 'Processing create_label_status not allow to operate this action',
  21030006: 'Shipping label purchase successful. This operation is not allowed in the current order status.',
  21032001: 'fulfill unit status not allow to update pkg attr',
  12038002: 'Invalid upload file. Please ensure you are passing the correct file data.',
  12038004: 'Invalid file type. Please ensure you are providing a PDF file.',
  12038005: 'Invalid file size. Please ensure your file is smaller than 10MB.',
  12019116: 'Invalid image resolution. Please ensure your image is between 100 x 100 pixels and 20000 x 20000 pixels.',
  10006402: 'permission denied',
  11006010: 'Internal package status error, please try again later.',
  11034002:
    'This API is only applicable to TikTok Shipping orders. For seller shipping, please obtain the shipping label offline and upload it to TikTok Shop via API or Seller Center.',
  11034009: 'Warehouse does not exist.',
  11034023: 'Shipping document generation timeout error, please try again later.',
  11034025: 'Internal package tag error, pleaser try again later.',
  11034037: 'The shipping document is still being generated by the logistics provider, please try again later.',
  21008017:
    'This API is only applicable to TikTok Shipping orders. For seller shipping, please obtain the shipping label offline and upload it to TikTok Shop via API or Seller Center.',
  21008043: 'This package is fulfilled by TikTok.  Shipping documents cannot be printed.',
  21008109: 'Unable to retrieve shipping information, please double check the order status.',
  21021010:
    'Failed to ship. You may cancel the order without penalty by selecting the following reason: Unable to deliver to buyer address.',
  21023022: 'Unknown label print timeout error. If the error persists, please contact the platform for assistance.',
  21023034: 'Internal package update error, please try again later.',
  21023035: 'Please arrange shipment before retrieving the shipping document.',
  21023046: 'Package has already been shipped.',
  21023059: 'Package has already been cancelled.',
  21042102: "Documents couldn't be printed after the package has been pickup.",
  21042104: "Documents couldn't be printed before shipped.Please check shipping is arranged and try again.",
  11001031: 'System process error, please try again later.',
  11005004: 'warehouse not exist',
  11005010: 'get lead time from card service error',
  11006005: 'System process error, please try again later.',
  11006026: 'System process error, please try again later.',
  21001008: 'System process error, please try again later.',
  21001029: 'rpc logistics_logistics_service_4b failed',
  21001043: 'System process error, please try again later.',
  21001055: 'System process error, please try again later.',
  21004012: 'Tracking number has special characters, verify failed.',
  21004015: 'Tracking number mismatch provider.',
  21004016: 'Tracking number verify, not avalible logsitics service or provider',
  21004019: 'Need invoice uploaded for all order before rts.',
  21004020: 'Fulfillment Invoice status is not success, can not rts pkg.',
  21008099: 'Package has been shipped. Please not ship the package again.',
  21008300: 'System process error, please try again later.',
  21011004:
    'This API cannot be used to update package shipping information for packages that are not shipped by sellers.',
  21011013: 'not match logistics rule',
  21011026: 'fulfillment tracking no used times over limit',
  21011030:
    'Package has already been delivered. If you would still like to update the tracking number, please contact the platform for assistance.',
  21011036: 'split same sku in Multi Package not allow.',
  21011050: 'The tracking number can only be updated within a certain number of hours.',
  21011051: 'The tracking number can only be updated once.',
  21022028: 'split pkg fail.',
  21022030: 'System process error, please try again later.',
  21034006: 'decision route occurs error',
  21034012: 'tracking no has been used',
  21042056: 'These orders are already shipped.',
  21042057: "These orders are not in the Awaiting shipment status. Couldn't create labels for them.",
  11006021: 'Package has been shipped. Please not ship the package again.',
  21004017: 'ON DEMAND RTS NOT IN PICKUP TIME.',
  21004024: 'ship order failed due to platform limitations.',
  21022032: 'match provider failed.',
  21042001: 'System process error, please try again later.',
  21042067: "The logistics service provider couldn't process your order.\t",
  21042076: 'System process error, please try again later.',
  21011005: 'Invalid parameters. Please ensure you are passing the correct request parameter(s).',
  10007002: "You cannot update the shipping information due to the order's current status, please try again later.",
  21011042: 'Cannot complete the operation when order is cancelled. ',
  21011043: 'The package has not been shipped yet. ',
  21011049: 'Due to platform rule limitations, you are unable to update the tracking number.',
  21011052: 'The tracking number can only be updated a limited number of times.',
  25001010: 'A return request has already been completed, or the order has already been cancelled.',
  21008116: 'No Subscription without specified delivery option.',
  21008117:
    'The delivery of the specified delivery_option_id is fulfilled by TikTok. No shipping provider will be returned.',
  10002014: 'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  10002015: 'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  10037002: 'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  10037003: 'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  10037004: 'Failed to get orders, If multiple retry have failed, please contact the platform for assistance',
  21008111: 'The order or package does not belong to the current seller.',
  12019150: 'The product ID does not exist.',
  12052032: 'The product does not exist',
  12052048: "You cannot edit the specified product(s) as it isn't listed in your account or shop. ",
  12052260: 'The product ID does not exist',
  12052547: 'There is no version of this product that is under review. Please obtain the online version.',
  12052704: 'seller id not exist',
  12052901:
    'The product in its current status is not available for this operation. Change the product status and try again.',
  12019027: 'The maximum count of “seller_skus” in the search filter is 10.',
  12019087: 'The number of SKU IDs exceeds the limit of 10',
  12019108: 'page number is invalid',
  12019109: 'page size is invalid',
  12019118: 'search create time invalid',
  12019119: 'search update time invalid',
  12052180: 'The total number of search results can not exceed 10000.',
  12052700: 'The seller is inactive.',
  12052910: 'Invalid input parameters. Refer to the API documentation for details.',
};

const MESSAGE_BY_API: Record<string, Record<number, string>> = {
  'combine-package': {
    21011028:
      'The package does not belong to the current shop. Please ensure you are providing the correct package ID(s) and/or shop cipher.',
  },
  'fulfillment-upload-delivery-image': {
    12038004: 'Invalid image file type. Please ensure your image is in JPG, JPEG, or PNG format.',
    12038005: 'Invalid image file size. Please ensure your image file size does not exceed 5MB.',
  },
  'get-package-shipping-document': {
    21021010: 'Package item has after-sale request, please process the after-sale request first.',
  },
  'mark-package-as-shipped': {
    21008044: 'SellerFulfillUnitInReverseCannotOperate',
    21011025: 'Duplicate tracking number.',
    21011030: 'fulfillment not allow update tracking no',
  },
  'ship-package': {
    21011026: 'fulfillment tracking no used times over limit.',
    21011030: 'fulfillment not allow update tracking no.',
    21034012: 'tracking no has been used.',
  },
  'uncombine-packages': {
    21011028:
      'The package does not belong to the current shop. Please ensure you are providing the correct package ID and/or shop cipher.',
    21011005:
      'An invalid request parameter was passed. Please check that you have the correct parameter type(s) and format.',
  },
  'update-shipping-info': {
    21011041: 'Cannot complete the operation when order is cancelled.',
    21011042: 'Cannot complete the operation when order is cancelled.',
    21011043: 'The package has not been shipped yet.',
  },
};

/** The many faces of 36009004 (guides/common-errors.md): one code, told apart only by the message. */
export const CREDENTIAL_MESSAGES = {
  missingSign: 'Missing credentials. The request does not include a required signature in the query.',
  invalidAccessTokenQuery: 'Invalid credentials. The access_token header is invalid.',
  invalidAccessToken: 'Invalid credentials. The x-tts-access-token header is invalid.',
  invalidAppKey: 'Invalid credentials. Invalid app_key query parameter.',
  timestampNegative: 'Invalid timestamp. The value of the timestamp query parameter must not be lesser than 0.',
  timestampTooOld:
    'Invalid timestamp. The value of the timestamp query parameter must not be earlier than 5 minutes before the current time.',
  timestampAhead:
    'Invalid timestamp. The value of the timestamp query parameter must not exceed the current time by more than 30 seconds.',
  unexpectedShopCipher: 'Unexpected identifier. The shop_cipher query parameter is not required for this request.',
  unexpectedCategoryAssetCipher:
    'Unexpected identifier. The category_asset_cipher query parameter is not required for this request.',
  invalidShopId: 'Invalid identifier. The shop_id query parameter is invalid.',
  invalidVersion: 'Invalid API version. The version query parameter is invalid.',
} as const;

/**
 * Codes the copy of the reference names only in /work/shared/TIKTOK-API.md's summary, without a message: the
 * sandbox words them itself.
 */
const SUMMARY_ONLY: Record<number, string> = {
  106011: 'Invalid identifier. The shop_cipher query parameter is invalid.',
};

/** The documented message of a code, in the wording of `api` where that endpoint has its own; null if undocumented. */
export function documentedMessage(code: number, api?: string): string | null {
  if (code === 36009004) return CREDENTIAL_MESSAGES.missingSign;
  return (api ? MESSAGE_BY_API[api]?.[code] : undefined) ?? SPEC[code] ?? GUIDE[code] ?? SUMMARY_ONLY[code] ?? null;
}
