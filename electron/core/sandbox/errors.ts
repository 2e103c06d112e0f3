import { CREDENTIAL_MESSAGES, documentedMessage } from './error-table';

/** A refusal in TikTok's terms: the envelope's code and message (and the HTTP status, 200 unless TikTok says otherwise). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

/** The codes the sandbox raises itself, by what they mean. */
export const Code = {
  credentials: 36009004,
  rateLimited: 36009002,
  internal: 36009003,
  invalidPath: 36009009,
  invalidSign: 106001,
  tokenExpired: 105002,
  shopCipherInvalid: 106011,
  shopCipherMissing: 106013,
  invalidParameters: 21001001,
  packageNotInShop: 21011028,
  alreadyShipped: 21011040,
  packageShippedAgain: 11006021,
  packageShippedMark: 21008099,
  ordersAlreadyShipped: 21011020,
  orderCancelled: 21011041,
  invalidTracking: 21011022,
  duplicateTracking: 21011025,
  notTikTokShipping: 11034002,
  arrangeShipmentFirst: 21023035,
  notShippedYet: 21042104,
  packageCancelled: 21023059,
  updateNotShipped: 21011043,
  productNotFound: 12052032,
  tooManyPackages: 21011048,
} as const;

/** An ApiError with the documented message of `code` for the endpoint `api`. */
export function documented(code: number, api?: string, httpStatus = 200): ApiError {
  const message = documentedMessage(code, api);
  if (message === null) throw new Error(`Code ${code} is not in the sandbox's error table.`);
  return new ApiError(code, message, httpStatus);
}

/** 36009004 with the variant's message. */
export const credentialError = (variant: keyof typeof CREDENTIAL_MESSAGES): ApiError =>
  new ApiError(Code.credentials, CREDENTIAL_MESSAGES[variant]);

/** 21001001, worded as documented (TikTok names no field in it). */
export const invalidParameters = (): ApiError => documented(Code.invalidParameters);
