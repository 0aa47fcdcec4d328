/**
 * Square API v2 objects exactly as they travel on the wire (snake_case, integer money, RFC 3339 times).
 * Only the fields the emulator produces are declared; Square documents many more, all optional.
 */

/** Square's Money: an integer amount in the currency's smallest unit. */
export interface SquareMoney {
  amount: number;
  currency: string;
}

/** A seller location (GET /v2/locations). */
export interface SquareLocation {
  id: string;
  name: string;
  business_name: string;
  address: {
    address_line_1: string;
    locality: string;
    administrative_district_level_1: string;
    postal_code: string;
    country: string;
  };
  timezone: string;
  capabilities: string[];
  status: 'ACTIVE' | 'INACTIVE';
  created_at: string;
  merchant_id: string;
  country: string;
  language_code: string;
  currency: string;
  phone_number: string;
  type: 'PHYSICAL' | 'MOBILE';
  mcc: string;
}

/** Square's card brands that the generated shop accepts. */
export type SquareCardBrand = 'VISA' | 'MASTERCARD' | 'AMERICAN_EXPRESS' | 'DISCOVER';

/** card_details of a CARD payment. */
export interface SquareCardDetails {
  status: 'AUTHORIZED' | 'CAPTURED' | 'VOIDED' | 'FAILED';
  card: {
    card_brand: SquareCardBrand;
    last_4: string;
    exp_month: number;
    exp_year: number;
    fingerprint: string;
    card_type: 'CREDIT' | 'DEBIT';
    prepaid_type: 'NOT_PREPAID';
    bin: string;
  };
  entry_method: 'EMV' | 'CONTACTLESS' | 'SWIPED' | 'KEYED';
  cvv_status: string;
  avs_status: string;
  statement_description: string;
  card_payment_timeline: { authorized_at: string; captured_at: string | undefined; voided_at: string | undefined };
}

/** Payment statuses as documented for the Payment object. */
export type SquarePaymentStatus = 'APPROVED' | 'PENDING' | 'COMPLETED' | 'CANCELED' | 'FAILED';

/** A payment (GET /v2/payments). */
export interface SquarePayment {
  id: string;
  created_at: string;
  updated_at: string;
  amount_money: SquareMoney;
  total_money: SquareMoney;
  approved_money?: SquareMoney;
  refunded_money?: SquareMoney;
  processing_fee?: { effective_at: string; type: 'INITIAL'; amount_money: SquareMoney }[];
  status: SquarePaymentStatus;
  delay_duration?: string;
  delay_action?: 'CANCEL';
  delayed_until?: string;
  source_type: 'CARD' | 'CASH' | 'WALLET' | 'EXTERNAL' | 'BANK_ACCOUNT';
  card_details?: SquareCardDetails;
  cash_details?: { buyer_supplied_money: SquareMoney; change_back_money: SquareMoney };
  wallet_details?: { status: string; brand: string };
  external_details?: { type: string; source: string };
  bank_account_details?: {
    bank_name: string;
    transfer_type: 'ACH';
    account_ownership_type: 'INDIVIDUAL';
    country: 'US';
    statement_description: string;
    ach_details: { routing_number: string; account_number_suffix: string; account_type: 'CHECKING' | 'SAVINGS' };
  };
  location_id: string;
  order_id: string;
  customer_id?: string;
  team_member_id?: string;
  refund_ids?: string[];
  receipt_number?: string;
  receipt_url?: string;
  application_details: { square_product: 'SQUARE_POS' | 'ECOMMERCE_API'; application_id: string };
  version_token: string;
}

/** Refund statuses as documented for PaymentRefund. */
export type SquareRefundStatus = 'PENDING' | 'COMPLETED' | 'REJECTED' | 'FAILED';

/** A payment refund (GET /v2/refunds). */
export interface SquareRefund {
  id: string;
  status: SquareRefundStatus;
  amount_money: SquareMoney;
  payment_id: string;
  order_id: string;
  location_id: string;
  reason: string;
  destination_type: string;
  created_at: string;
  updated_at: string;
}

/** Fields every catalog object carries. */
interface CatalogObjectBase {
  id: string;
  updated_at: string;
  created_at: string;
  version: number;
  is_deleted: boolean;
  present_at_all_locations: boolean;
  absent_at_location_ids?: string[];
}

/** A CATEGORY catalog object. */
export interface SquareCatalogCategory extends CatalogObjectBase {
  type: 'CATEGORY';
  category_data: { name: string; category_type: 'REGULAR_CATEGORY'; is_top_level: boolean; online_visibility: boolean };
}

/** An ITEM_VARIATION catalog object (also nested in its item's item_data.variations). */
export interface SquareCatalogVariation extends CatalogObjectBase {
  type: 'ITEM_VARIATION';
  item_variation_data: {
    item_id: string;
    name: string;
    sku: string;
    ordinal: number;
    pricing_type: 'FIXED_PRICING';
    price_money: SquareMoney;
    track_inventory: boolean;
    sellable: boolean;
    stockable: boolean;
    location_overrides?: { location_id: string; track_inventory: boolean; sold_out: boolean }[];
  };
}

/** An ITEM catalog object with its variations nested. */
export interface SquareCatalogItem extends CatalogObjectBase {
  type: 'ITEM';
  item_data: {
    name: string;
    description: string;
    description_plaintext: string;
    is_taxable: boolean;
    is_archived: boolean;
    product_type: 'REGULAR';
    categories: { id: string; ordinal: number }[];
    reporting_category: { id: string; ordinal: number };
    variations: SquareCatalogVariation[];
  };
}

/** Any catalog object the emulator serves. */
export type SquareCatalogObject = SquareCatalogCategory | SquareCatalogItem | SquareCatalogVariation;

/** A customer profile (POST /v2/customers/search). */
export interface SquareCustomer {
  id: string;
  created_at: string;
  updated_at: string;
  given_name: string;
  family_name: string;
  email_address?: string;
  phone_number?: string;
  preferences: { email_unsubscribed: boolean };
  creation_source: 'DIRECTORY' | 'INSTANT_PROFILE' | 'ONLINE_STORE' | 'THIRD_PARTY';
  version: number;
}

/** Square's error object inside `{errors: [...]}`. */
export interface SquareErrorBody {
  category: string;
  code: string;
  detail: string;
  field?: string;
}
